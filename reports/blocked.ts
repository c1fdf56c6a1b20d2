/**
 * Cases not run because a case they depend on failed or erred (`CaseResult.blockedBy`): which root
 * cause blocked which dependents, so the reports show one cause once and its dependents beside it.
 */
import type { CaseResult } from '../harness/model/result.ts'

/** The key of a result (`id@vN`), as baselines and the report pages use it. */
export function resultKey(result: Pick<CaseResult, 'id' | 'version'>): string {
  return `${result.id}@v${result.version}`
}

/** The key of the case that blocked `result` (same version), when it was blocked. */
export function blockerKey(result: CaseResult): string | undefined {
  return result.blockedBy === undefined ? undefined : `${result.blockedBy.id}@v${result.version}`
}

/** The results each failing or erring case blocked, by that case's key. */
export function dependentsByBlocker(results: readonly CaseResult[]): Map<string, CaseResult[]> {
  const byBlocker = new Map<string, CaseResult[]>()
  for (const result of results) {
    const key = blockerKey(result)
    if (key === undefined) continue
    byBlocker.set(key, [...(byBlocker.get(key) ?? []), result])
  }
  return byBlocker
}
