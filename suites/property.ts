/**
 * The one property runner of the three suites: a fast-check property run with the case's seed, its
 * `property` evidence (seed, path, shrunk counterexample, replay command), and a failure re-thrown with
 * the counterexample in its message. The roles differ only in their parameters (runs, time limit) and
 * in what they add on failure (the client's failing run, the facilitator's replayed counterexample).
 */
import fc from 'fast-check'
import type { EvidenceRecorder } from '../harness/model/evidence.ts'
import { CheckFailure } from '../harness/model/verdict.ts'

/** What a case context gives the runner. */
export interface PropertyHost {
  seed: number
  evidence: EvidenceRecorder
  /** The command that replays the case with its seed. */
  replay: string
}

/** Replaces bigints (and other non-JSON values) so a counterexample fits the report. */
export function jsonSafe(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'null',
  )
}

/**
 * Runs `property` with the case's seed and records its `property` evidence, the counterexample as
 * `describe` shows it (JSON-safe by default). Returns fast-check's details for the role's failure policy.
 */
export async function runProperty<T>(
  host: PropertyHost,
  property: fc.IAsyncPropertyWithHooks<[T]>,
  parameters: Omit<fc.Parameters<[T]>, 'seed'>,
  describe: (value: T) => unknown = jsonSafe,
): Promise<fc.RunDetails<[T]>> {
  const details = await fc.check(property, { ...parameters, seed: host.seed })
  const counterexample = details.counterexample === null ? undefined : describe(details.counterexample[0])
  host.evidence.add({
    kind: 'property',
    seed: details.seed,
    ...(details.counterexamplePath ? { path: details.counterexamplePath } : {}),
    numRuns: details.numRuns,
    ...(counterexample === undefined ? {} : { counterexample }),
    replay: host.replay,
  })
  return details
}

/** `failure` with `message` in its place, every other field kept. */
export function restated(failure: CheckFailure, message: string): CheckFailure {
  return new CheckFailure(message, {
    ...(failure.expected === undefined ? {} : { expected: failure.expected }),
    ...(failure.seen === undefined ? {} : { seen: failure.seen }),
    ...(failure.spec === undefined ? {} : { spec: failure.spec }),
    ...(failure.level === undefined ? {} : { level: failure.level }),
  })
}
