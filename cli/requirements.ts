/**
 * The requirement catalogue as the runner uses it: which requirements a report covers (its role's and
 * the cross-cutting ones), which cases check each, why a requirement has none, and a load-time check
 * that every case cites requirements that exist.
 */

import type { RequirementCoverage, Role } from '../harness/model/result.ts'
import type { RoleSuite } from '../harness/runner/suite.ts'
import { catalog } from '../suites/catalog/index.ts'
import { SPEC } from '../suites/catalog/spec.ts'

/** The spec snapshot the catalogue was read at. */
export const specSnapshot: { repository: string; commit: string } = {
  repository: SPEC.repository,
  commit: SPEC.commit,
}

/**
 * Coverage entries for a report: the requirements of `role` and of every role (`any`); with no role,
 * the whole catalogue. `cases` lists every case of `suites` that checks the requirement.
 */
export function requirementCoverage(suites: readonly RoleSuite[], role?: Role): RequirementCoverage[] {
  const casesOf = new Map<string, string[]>()
  for (const suite of suites) {
    for (const definition of suite.cases) {
      for (const id of definition.requirements) casesOf.set(id, [...(casesOf.get(id) ?? []), definition.id])
    }
  }
  // An MCP role answers to the server/client requirements its suites cite and to those of the MCP
  // transport files; the HTTP-only ones are not its to cover.
  const transportOf = role === 'mcp-server' ? 'server' : role === 'mcp-client' ? 'client' : undefined
  const applies = (requirement: (typeof catalog)[number]): boolean =>
    role === undefined ||
    requirement.role === 'any' ||
    (transportOf === undefined
      ? requirement.role === role
      : requirement.role === transportOf &&
        (casesOf.has(requirement.id) || /\/mcp\.md$/.test(requirement.spec.file)))
  return catalog.filter(applies).map((requirement) => {
    const cases = casesOf.get(requirement.id) ?? []
    const uncovered =
      cases.length > 0
        ? undefined
        : requirement.scope === 'later'
          ? `out of scope for now: ${requirement.scopeReason ?? 'no reason given'}`
          : 'no case yet'
    return {
      id: requirement.id,
      level: requirement.level,
      role: requirement.role,
      statement: requirement.statement,
      spec: { file: requirement.spec.file, section: requirement.spec.section },
      cases,
      ...(uncovered === undefined ? {} : { uncovered }),
      ...(requirement.scope === 'later' ? { scope: 'later' as const } : {}),
    }
  })
}

/** Throws at load time when a case cites a requirement id the catalogue does not have. */
export function checkRequirementIds(suites: readonly RoleSuite[]): void {
  const known = new Set(catalog.map((requirement) => requirement.id))
  for (const suite of suites) {
    for (const definition of suite.cases) {
      const unknown = definition.requirements.filter((id) => !known.has(id))
      if (unknown.length > 0)
        throw new Error(`case ${definition.id} cites requirement ${unknown.join(', ')}, not in the catalogue`)
    }
  }
}
