/**
 * The requirement catalogue: every statement of the x402 spec (core v1/v2, HTTP transports, exact on
 * EVM with EIP-3009, the facilitator API) that a black box can check, with a permanent id. Cases cite
 * these ids; the report shows which have cases. Loading fails on any inconsistency (e.g. a duplicate id).
 *
 * @example
 *   import { requirementById, acceptedReasons } from '../catalog/index.ts'
 *   const fa8 = requirementById('FA-8')        // underpayment is rejected
 *   expect(fa8.acceptedReasons).toContain(response.invalidReason)
 */

import type { Level, Role } from '../../harness/model/result.ts'
import type { X402Version } from '../../harness/wire/types.ts'
import { coreV1Requirements } from './core-v1.ts'
import { coreV2Requirements } from './core-v2.ts'
import { exactEvmRequirements } from './exact-evm.ts'
import { extensionRequirements } from './extensions.ts'
import { facilitatorApiRequirements } from './facilitator-api.ts'
import { httpV1Requirements } from './http-v1.ts'
import { httpV2Requirements } from './http-v2.ts'
import { buildCatalog } from './load.ts'
import { type CatalogMarkdownOptions, renderCatalogMarkdown } from './markdown.ts'
import { paymentFlowRequirements } from './payment-flows.ts'
import { permit2Requirements } from './permit2.ts'
import { otherSchemeRequirements } from './schemes-other.ts'
import { settlementPendingRequirements } from './settlement-pending.ts'
import { otherTransportRequirements } from './transports-other.ts'
import type { Requirement, RequirementRole, Scope } from './types.ts'

export { buildCatalog, CatalogError, REQUIREMENT_ID_PATTERN, RESERVED_IDS } from './load.ts'
export type { CatalogMarkdownOptions } from './markdown.ts'
export {
  type AcceptedReasonKind,
  acceptedReasons,
  KNOWN_REASON_CODES,
  REASON_CODE_LISTS,
  type ReasonCodeSource,
  reasonCodeSources,
  unionOfReasons,
} from './reason-codes.ts'
export { NEWER_SOURCES, SPEC, SPEC_FILES, specUrl } from './spec.ts'
export type * from './types.ts'

/** Every requirement, frozen, grouped by spec file in a stable order. */
export const catalog: readonly Requirement[] = buildCatalog(
  coreV1Requirements,
  coreV2Requirements,
  httpV1Requirements,
  httpV2Requirements,
  exactEvmRequirements,
  facilitatorApiRequirements,
  otherTransportRequirements,
  otherSchemeRequirements,
  permit2Requirements,
  extensionRequirements,
  settlementPendingRequirements,
  paymentFlowRequirements,
)

const byId: ReadonlyMap<string, Requirement> = new Map(catalog.map((r) => [r.id, r]))

/** The requirement with this id; throws on an unknown id so a case cannot cite a typo. */
export function requirementById(id: string): Requirement {
  const requirement = byId.get(id)
  if (requirement === undefined) throw new Error(`unknown requirement id '${id}'`)
  return requirement
}

/** Whether an id is in the catalogue. */
export function hasRequirement(id: string): boolean {
  return byId.has(id)
}

/** Which requirements to select; every field left out matches everything. */
export interface RequirementFilter {
  /** A role; `any` entries are included for every role, since they bind all of them. */
  role?: Role
  version?: X402Version
  scope?: Scope
}

/** The requirements that apply to a target: e.g. everything a v1 facilitator must do now. */
export function requirementsFor(filter: RequirementFilter): readonly Requirement[] {
  return catalog.filter(
    (r) =>
      (filter.role === undefined || r.role === filter.role || r.role === 'any') &&
      (filter.version === undefined || r.versions.includes(filter.version)) &&
      (filter.scope === undefined || r.scope === filter.scope),
  )
}

/** The catalogue as a Markdown table (see `renderCatalogMarkdown` for options). */
export function catalogMarkdown(options?: CatalogMarkdownOptions): string {
  return renderCatalogMarkdown(catalog, options)
}

/** Requirement counts of one role, by scope and level. */
export type RoleSummary = Record<Scope, Partial<Record<Level, number>>>

/** Counts per role, scope and level: what the report's coverage section starts from. */
export function catalogSummary(): Record<RequirementRole, RoleSummary> {
  const empty = (): RoleSummary => ({ now: {}, later: {} })
  const summary: Record<RequirementRole, RoleSummary> = {
    server: empty(),
    client: empty(),
    facilitator: empty(),
    any: empty(),
  }
  for (const r of catalog) {
    const counts = summary[r.role][r.scope]
    counts[r.level] = (counts[r.level] ?? 0) + 1
  }
  return summary
}
