/**
 * Running a fast-check property inside a server case (../property.ts): the configured number of runs,
 * and on failure the counterexample's CheckFailure re-thrown with the counterexample in its message.
 */
import fc from 'fast-check'
import { show } from '../../harness/model/expect.ts'
import { CheckFailure } from '../../harness/model/verdict.ts'
import { jsonSafe, restated, runProperty } from '../property.ts'
import type { ServerContext } from './context.ts'

/** Checks `predicate` for values of `arbitrary`; throws the shrunk counterexample's failure. */
export async function checkProperty<T>(
  context: ServerContext,
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T) => Promise<void>,
  options: { numRuns?: number } = {},
): Promise<void> {
  const numRuns = options.numRuns ?? context.numRuns
  const details = await runProperty(
    context,
    fc.asyncProperty(arbitrary, async (value) => {
      context.signal.throwIfAborted()
      await predicate(value)
    }),
    { numRuns },
  )
  if (!details.failed) return
  const counterexample = details.counterexample ? jsonSafe(details.counterexample[0]) : undefined
  const error = details.errorInstance
  const where = `counterexample ${show(counterexample)} (seed ${details.seed}, path ${details.counterexamplePath}, after ${details.numShrinks} shrinks)`
  if (error instanceof CheckFailure) throw restated(error, `${error.message}; ${where}`)
  if (error instanceof Error) throw error
  throw new Error(`property failed: ${where}: ${String(error)}`)
}
