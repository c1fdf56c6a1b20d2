/**
 * Running a fast-check property inside a case: the case run's seed, the configured number of runs,
 * `property` evidence (seed, path, shrunk counterexample, replay command) and, on failure, the
 * counterexample's CheckFailure re-thrown with the counterexample in its message.
 */
import fc from 'fast-check'
import { show } from '../../harness/model/expect.ts'
import { CheckFailure } from '../../harness/model/verdict.ts'
import type { ServerContext } from './context.ts'

/** Replaces bigints (and other non-JSON values) so the counterexample fits the report. */
function jsonSafe(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'null',
  )
}

/** Checks `predicate` for values of `arbitrary`; throws the shrunk counterexample's failure. */
export async function checkProperty<T>(
  context: ServerContext,
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T) => Promise<void>,
  options: { numRuns?: number } = {},
): Promise<void> {
  const numRuns = options.numRuns ?? context.numRuns
  const details = await fc.check(
    fc.asyncProperty(arbitrary, async (value) => {
      context.signal.throwIfAborted()
      await predicate(value)
    }),
    { seed: context.seed, numRuns },
  )
  const counterexample = details.counterexample ? jsonSafe(details.counterexample[0]) : undefined
  context.evidence.add({
    kind: 'property',
    seed: details.seed,
    ...(details.counterexamplePath ? { path: details.counterexamplePath } : {}),
    numRuns: details.numRuns,
    ...(counterexample === undefined ? {} : { counterexample }),
    replay: context.replay,
  })
  if (!details.failed) return
  const error = details.errorInstance
  const where = `counterexample ${show(counterexample)} (seed ${details.seed}, path ${details.counterexamplePath}, after ${details.numShrinks} shrinks)`
  if (error instanceof CheckFailure) {
    throw new CheckFailure(`${error.message}; ${where}`, {
      ...(error.expected === undefined ? {} : { expected: error.expected }),
      ...(error.seen === undefined ? {} : { seen: error.seen }),
      ...(error.spec === undefined ? {} : { spec: error.spec }),
      ...(error.level === undefined ? {} : { level: error.level }),
    })
  }
  if (error instanceof Error) throw error
  throw new Error(`property failed: ${where}: ${String(error)}`)
}
