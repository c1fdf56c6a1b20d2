/**
 * Counts, verdict and exit code of a run.
 *
 * The rule, in order:
 *
 * - **2, `incomplete`**: the run itself could not be done: there are run errors (target unreachable,
 *   devnet failed, bad arguments), or some case ended in `error` and none in `fail` (errors are never
 *   counted as conformance, so a run with errors and no failure proves nothing either way).
 * - **1, `not-conformant`**: some case ended in `fail` (a MUST or schema requirement is broken).
 * - **0, `conformant`**: no `fail`, no `error`, no run error. `warn` (a SHOULD broken), `info` and `skip`
 *   do not change the verdict.
 *
 * With a baseline (a file of expected outcomes, see `baseline.ts`) the *exit code* follows the ratchet
 * instead, the way expected failures work in test runners: run errors still give 2; any difference from
 * the baseline (an unexpected failure or an unexpected pass) gives 1; a run that matches its baseline
 * gives 0, even when the baseline expects failures. The *verdict* keeps saying what the implementation
 * is (it stays `not-conformant` while a MUST is broken), so a report never calls a failing target
 * conformant.
 */
import type { CaseResult, Outcome, OutcomeCounts, RunReport } from './result.ts'

/** What `decide` returns: the fields of `RunReport` it owns. */
export interface Decision {
  summary: OutcomeCounts
  verdict: RunReport['verdict']
  exitCode: RunReport['exitCode']
}

/** Counts of each outcome; `total` is the number of results (each case × version run). */
export function countOutcomes(results: readonly Pick<CaseResult, 'outcome'>[]): OutcomeCounts {
  const counts: OutcomeCounts = { total: 0, pass: 0, fail: 0, warn: 0, info: 0, skip: 0, error: 0 }
  for (const result of results) {
    counts[result.outcome] += 1
    counts.total += 1
  }
  return counts
}

/** The conformance verdict of a set of counts and run errors (baseline-independent). */
export function verdictOf(summary: OutcomeCounts, runErrors: readonly string[]): RunReport['verdict'] {
  if (runErrors.length > 0) return 'incomplete'
  if (summary.fail > 0) return 'not-conformant'
  if (summary.error > 0) return 'incomplete'
  return 'conformant'
}

/** Exit code for a verdict, with the baseline ratchet applied when a baseline comparison is given. */
export function exitCodeOf(
  verdict: RunReport['verdict'],
  runErrors: readonly string[],
  baseline?: RunReport['baseline'],
): RunReport['exitCode'] {
  if (runErrors.length > 0) return 2
  if (baseline !== undefined) {
    return baseline.unexpectedFailures.length + baseline.unexpectedPasses.length > 0 ? 1 : 0
  }
  if (verdict === 'incomplete') return 2
  return verdict === 'not-conformant' ? 1 : 0
}

/** Computes `summary`, `verdict` and `exitCode` from the results, the run errors and an optional baseline diff. */
export function decide(
  results: readonly Pick<CaseResult, 'outcome'>[],
  runErrors: readonly string[],
  baseline?: RunReport['baseline'],
): Decision {
  const summary = countOutcomes(results)
  const verdict = verdictOf(summary, runErrors)
  return { summary, verdict, exitCode: exitCodeOf(verdict, runErrors, baseline) }
}

/** Outcomes that mean the requirement was not shown to hold (a break, or the check itself broke). */
export const FAILING: ReadonlySet<Outcome> = new Set<Outcome>(['fail', 'error'])

/** Outcomes that mean the case ran and no MUST was broken. */
export const PASSING: ReadonlySet<Outcome> = new Set<Outcome>(['pass', 'warn', 'info'])

/** Severity order, worst first: the outcome a requirement gets when several cases check it. */
export const SEVERITY: readonly Outcome[] = ['fail', 'error', 'warn', 'info', 'pass', 'skip']

/** The worse of two outcomes by `SEVERITY`. */
export function worse(a: Outcome, b: Outcome): Outcome {
  return SEVERITY.indexOf(a) <= SEVERITY.indexOf(b) ? a : b
}
