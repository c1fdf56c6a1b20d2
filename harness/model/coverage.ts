/**
 * Requirement coverage: which catalogue requirements have cases, and the worst outcome each got in a run.
 * The runner calls it once with the catalogue; `merge.ts` calls it again over the merged results.
 */

import { worse } from './decision.ts'
import type { CaseResult, RequirementCoverage, RunReport } from './result.ts'

/**
 * Fills each requirement's `outcome` with the worst outcome of the results that check it (left out when
 * none ran), and counts per role how many requirements there are and how many have at least one case
 * (`covered`: a case exists for it, whether or not this run selected it) and how many the catalogue
 * puts out of scope for now (`later`).
 */
export function computeCoverage(
  requirements: readonly RequirementCoverage[],
  results: readonly Pick<CaseResult, 'requirements' | 'outcome'>[],
): RunReport['coverage'] {
  const worst = new Map<string, RequirementCoverage['outcome']>()
  for (const result of results) {
    for (const id of result.requirements) {
      const seen = worst.get(id)
      worst.set(id, seen === undefined ? result.outcome : worse(seen, result.outcome))
    }
  }
  const byRole: RunReport['coverage']['byRole'] = {}
  const covered: RequirementCoverage[] = requirements.map((requirement) => {
    const { outcome: _previous, ...rest } = requirement
    const outcome = worst.get(requirement.id)
    const role = byRole[requirement.role] ?? { requirements: 0, covered: 0, later: 0 }
    byRole[requirement.role] = role
    role.requirements += 1
    if (requirement.cases.length > 0) role.covered += 1
    if (requirement.scope === 'later') role.later += 1
    return outcome === undefined ? rest : { ...rest, outcome }
  })
  return { requirements: covered, byRole }
}
