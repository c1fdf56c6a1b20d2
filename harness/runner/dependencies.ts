/**
 * Dependencies between cases (`CaseMeta.dependsOn`): one cause, one failure. Before a case runs, each
 * case it depends on runs at the same version (once per session: the first to need it runs it, its own
 * test and every other dependent share that result). When one failed or erred, the dependent is not
 * run and reports `skip` naming it; its result carries `blockedBy`. A prerequisite that passed, warned,
 * was recorded (`info`) or skipped blocks nothing: the dependent runs and judges for itself.
 *
 * A prerequisite need not be selected or dealt to the same worker: a worker without it runs it as a
 * probe, whose result only shows in the dependents it blocks.
 */
import { type CaseDefinition, caseById, hasDependents } from '../model/case.ts'
import type { CaseResult, Outcome } from '../model/result.ts'
import type { X402Version } from '../wire/types.ts'
import { oneLine, type Verdict } from './outcome.ts'

/** Outcomes of a prerequisite that stop its dependents. */
const BLOCKING: ReadonlySet<Outcome> = new Set<Outcome>(['fail', 'error'])

/** Results of prerequisites by session (one worker's target), then `id@vN`. */
const shared = new WeakMap<object, Map<string, Promise<CaseResult>>>()

/**
 * Runs `run` for case `id` at `version` in `session`. When some case depends on `id`, the result is
 * shared with every other caller for the same session, case and version (it runs once).
 */
export function runShared(
  session: object,
  id: string,
  version: X402Version,
  run: () => Promise<CaseResult>,
): Promise<CaseResult> {
  if (!hasDependents(id)) return run()
  let results = shared.get(session)
  if (results === undefined) {
    results = new Map()
    shared.set(session, results)
  }
  const key = `${id}@v${version}`
  let result = results.get(key)
  if (result === undefined) {
    result = run()
    results.set(key, result)
  }
  return result
}

/**
 * The first case `definition` depends on that failed or erred at `version`, running each (through
 * `execute`, shared per session) as needed; `undefined` when none blocks it.
 */
export async function blockingPrerequisite(
  definition: CaseDefinition<unknown>,
  version: X402Version,
  execute: (prerequisite: CaseDefinition<unknown>) => Promise<CaseResult>,
): Promise<CaseResult | undefined> {
  for (const id of definition.dependsOn ?? []) {
    const prerequisite = caseById(id)
    // A prerequisite of another version (batch cases are v2 only) says nothing about this one.
    if (prerequisite === undefined || !prerequisite.versions.includes(version)) continue
    const result = await execute(prerequisite)
    if (BLOCKING.has(result.outcome)) return result
  }
  return undefined
}

/** The verdict of a case not run because `prerequisite` failed or erred. */
export function blockedVerdict(prerequisite: CaseResult): Verdict & { blockedBy: CaseResult['blockedBy'] } {
  const how = prerequisite.outcome === 'fail' ? 'failed' : 'ended in error'
  const cause = oneLine(prerequisite.message ?? prerequisite.title)
  return {
    outcome: 'skip',
    message: `not run: depends on ${prerequisite.id}, which ${how}`,
    seen: `${prerequisite.id} v${prerequisite.version}: ${prerequisite.outcome}: ${cause}`,
    blockedBy: {
      id: prerequisite.id,
      outcome: prerequisite.outcome,
      ...(prerequisite.message === undefined ? {} : { message: prerequisite.message }),
    },
  }
}
