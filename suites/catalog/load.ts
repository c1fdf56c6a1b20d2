/**
 * Builds the catalogue from the per-spec-file modules, checking every entry at load time: a broken
 * catalogue (duplicate or malformed id, unknown spec file, unknown reason code) must not load at all.
 */
import { KNOWN_REASON_CODES } from './reason-codes.ts'
import { isKnownSpecFile } from './spec.ts'
import type { Requirement, RequirementInput, RequirementRole, SpecCitation } from './types.ts'

/** Thrown when the catalogue is inconsistent. */
export class CatalogError extends Error {
  override name = 'CatalogError'
}

/** `RS-n` server, `CL-n` client, `FA-n` facilitator, `X-n` any role; n from 1, no leading zero. */
export const REQUIREMENT_ID_PATTERN = /^(RS|CL|FA|X)-[1-9][0-9]*$/

const ROLE_OF_PREFIX: Readonly<Record<string, RequirementRole>> = {
  RS: 'server',
  CL: 'client',
  FA: 'facilitator',
  X: 'any',
}

const LEVELS = new Set(['MUST', 'SHOULD', 'MAY', 'schema'])
const BASES = new Set(['keyword', 'schema-table', 'mechanism', 'error-table', 'example', 'implied'])

/**
 * Ids that once had a meaning (in x402-digest §5) and are deliberately not catalogued; they stay
 * reserved so nobody reuses them for something else.
 */
export const RESERVED_IDS: Readonly<Record<string, string>> = Object.freeze({
  'RS-33':
    'Cache-Control on 402 and paid responses is @x402/core 2.27 behaviour, not a statement of the spec',
  'X-6':
    'the /.well-known/x402 discovery manifest is a proposal file on a foundation PR branch, not part of the spec',
  'CL-14':
    'retired 2026-12-03 (tombstone): it said a client SHOULD read the bazaar key of EXTENSION-RESPONSES; the v2 core §7.2.1 (#3306) made that header a facilitator-to-server sidechannel that is never forwarded to buyers (RS-51)',
})

function checkCitation(id: string, citation: SpecCitation, where: string): void {
  if (!isKnownSpecFile(citation))
    throw new CatalogError(`${id}: ${where} file '${citation.file}' is not in the pinned spec file list`)
  if (citation.section.trim() === '') throw new CatalogError(`${id}: ${where} has no section`)
}

function check(input: RequirementInput): void {
  const { id } = input
  const match = REQUIREMENT_ID_PATTERN.exec(id)
  if (match === null) throw new CatalogError(`requirement id '${id}' is not RS-n, CL-n, FA-n or X-n`)
  if (id in RESERVED_IDS) throw new CatalogError(`${id}: the id is reserved (${RESERVED_IDS[id]})`)
  const prefix = match[1] ?? ''
  if (ROLE_OF_PREFIX[prefix] !== input.role)
    throw new CatalogError(`${id}: role '${input.role}' does not match the ${prefix}- prefix`)
  if (!LEVELS.has(input.level)) throw new CatalogError(`${id}: unknown level '${input.level}'`)
  if (!BASES.has(input.basis)) throw new CatalogError(`${id}: unknown basis '${input.basis}'`)
  if (input.level === 'schema' && input.basis !== 'schema-table')
    throw new CatalogError(`${id}: level 'schema' needs basis 'schema-table'`)
  if (input.versions.length === 0 || input.versions.some((v) => v !== 1 && v !== 2))
    throw new CatalogError(`${id}: versions must be a non-empty subset of [1, 2]`)
  if (new Set(input.versions).size !== input.versions.length) throw new CatalogError(`${id}: versions repeat`)
  if (input.statement.trim() === '') throw new CatalogError(`${id}: empty statement`)
  checkCitation(id, input.spec, 'spec')
  for (const also of input.seeAlso ?? []) checkCitation(id, also, 'seeAlso')
  for (const code of input.acceptedReasons ?? [])
    if (!KNOWN_REASON_CODES.has(code)) throw new CatalogError(`${id}: unknown reason code '${code}'`)
  for (const status of input.acceptedStatus ?? [])
    if (!Number.isInteger(status) || status < 100 || status > 599)
      throw new CatalogError(`${id}: '${status}' is not an HTTP status`)
  if (input.scope === 'later' && (input.scopeReason ?? '').trim() === '')
    throw new CatalogError(`${id}: scope 'later' needs a scopeReason`)
  if (input.scope !== 'later' && input.scopeReason !== undefined)
    throw new CatalogError(`${id}: scopeReason given but scope is not 'later'`)
  for (const deviation of input.deviations ?? [])
    if (deviation.sdks.length === 0 || deviation.suiteHolds.trim() === '' || deviation.why.trim() === '')
      throw new CatalogError(`${id}: a deviation needs sdks, suiteHolds and why`)
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner)
    Object.freeze(value)
  }
  return value
}

/**
 * Checks and freezes the entries of several modules into one catalogue, in declaration order.
 * Throws `CatalogError` on the first inconsistency, including a duplicate id.
 */
export function buildCatalog(...groups: readonly (readonly RequirementInput[])[]): readonly Requirement[] {
  const seen = new Set<string>()
  const entries: Requirement[] = []
  for (const input of groups.flat()) {
    check(input)
    if (seen.has(input.id)) throw new CatalogError(`duplicate requirement id '${input.id}'`)
    seen.add(input.id)
    entries.push(deepFreeze({ ...structuredClone(input), scope: input.scope ?? 'now' }))
  }
  return Object.freeze(entries)
}
