/**
 * Test helper: runs the facilitator suite against one target inside the current process, with the
 * runner's own pieces (attachTarget, the fixture, executeCase) and a small concurrency pool, and returns
 * the case results. The worker environment (devnet + built-in facilitator) is the caller's, so several
 * targets can share one devnet (every case uses fresh accounts).
 */

import type { CaseResult, Outcome } from '../../../harness/model/result.ts'
import { executeCase } from '../../../harness/runner/execute.ts'
import type { TargetSpec, WorkerEnvironment } from '../../../harness/runner/fixture.ts'
import { runPool } from '../../../harness/runner/pool.ts'
import { attachTarget } from '../../../harness/targets/attach.ts'
import type { X402Version } from '../../../harness/wire/types.ts'
import { facilitatorCases, facilitatorFixture } from '../../../suites/facilitator/index.ts'

export interface SuiteRunOptions {
  /** Only these case ids (default: all). */
  cases?: readonly string[]
  /** Case runs at once. Default 6. */
  concurrency?: number
  /** Per-case timeout (ms). Default 60 s (cases may set their own). */
  timeoutMs?: number
}

/** The results of one run, keyed `<id>@v<version>`. */
export interface SuiteRun {
  versions: readonly X402Version[]
  results: CaseResult[]
  outcomes: Record<string, Outcome>
  durationMs: number
}

/** Runs the facilitator suite against `spec` on `environment`'s devnet. */
export async function runFacilitatorSuite(
  spec: TargetSpec,
  environment: WorkerEnvironment,
  options: SuiteRunOptions = {},
): Promise<SuiteRun> {
  const started = performance.now()
  const target = await attachTarget(spec, { role: 'facilitator', environment, replica: 0 })
  try {
    const session = await facilitatorFixture.setup(environment, target)
    try {
      const selected = facilitatorCases.filter((definition) => options.cases?.includes(definition.id) ?? true)
      const jobs = selected.flatMap((definition) =>
        definition.versions
          .filter((version) => session.versions.includes(version))
          .map((version) => ({ definition, version })),
      )
      const results: CaseResult[] = []
      await runPool(jobs.length, options.concurrency ?? 6, async (index) => {
        const { definition, version } = jobs[index]!
        results.push(
          await executeCase(definition, version, session, target, {
            timeoutMs: options.timeoutMs ?? 60_000,
            verbose: true,
            seed: environment.seed,
          }),
        )
      })
      results.sort((a, b) => keyOf(a).localeCompare(keyOf(b)))
      const outcomes = Object.fromEntries(results.map((result) => [keyOf(result), result.outcome]))
      return { versions: session.versions, results, outcomes, durationMs: performance.now() - started }
    } finally {
      await session.teardown()
    }
  } finally {
    await target.stop()
  }
}

/** `<id>@v<version>`, the key of expectations files and baselines. */
export function keyOf(result: Pick<CaseResult, 'id' | 'version'>): string {
  return `${result.id}@v${result.version}`
}

/** One line per result that is not a pass: for assertion messages. */
export function describeResults(results: readonly CaseResult[]): string {
  return results
    .filter((result) => result.outcome !== 'pass')
    .map(
      (result) =>
        `${keyOf(result)}: ${result.outcome} ${result.message ?? ''}${result.expected ? ` | expected ${result.expected}` : ''}${result.seen ? ` | seen ${result.seen}` : ''}`,
    )
    .join('\n')
}
