/**
 * Runs the client suite against one target in this process, the way a runner worker does (attach the
 * target, set up the fixture, execute case × supported version), and returns the results. Several
 * targets can share one worker environment (devnet + built-in facilitator) to keep the self-test fast.
 */

import type { CaseDefinition } from '../../../harness/model/case.ts'
import type { CaseResult } from '../../../harness/model/result.ts'
import { type StartedEnvironment, startWorkerEnvironment } from '../../../harness/runner/environment.ts'
import { executeCase } from '../../../harness/runner/execute.ts'
import type { TargetSpec } from '../../../harness/runner/fixture.ts'
import { runPool } from '../../../harness/runner/pool.ts'
import { attachTarget } from '../../../harness/targets/attach.ts'
import type { X402Version } from '../../../harness/wire/types.ts'
import {
  type ClientCaseContext,
  type ClientFixtureOptions,
  clientCases,
  createClientFixture,
} from '../../../suites/client/index.ts'

export interface SuiteRunOptions {
  /** The client's declared budget (enables the over-budget case). */
  budget?: bigint
  /** Only these case ids (default all). */
  caseIds?: readonly string[]
  /** Case runs at once. Default 4 (the CLI's default). */
  concurrency?: number
  seed?: number
  /** Per-case timeout. Default 20 s (the CLI's default); a case's own timeoutMs wins. */
  timeoutMs?: number
  /** Called after every client run (see `ClientFixtureOptions.onRun`). */
  onRun?: ClientFixtureOptions['onRun']
}

export interface SuiteRun {
  /** Versions the fixture learned the client speaks. */
  versions: readonly X402Version[]
  results: CaseResult[]
  durationMs: number
}

/** Starts a worker environment (devnet and built-in facilitator) for `runClientSuite`. */
export function startEnvironment(seed = 1): Promise<StartedEnvironment> {
  return startWorkerEnvironment({ seed })
}

/** Runs the selected client cases against `spec` in `environment`. */
export async function runClientSuite(
  environment: StartedEnvironment,
  spec: TargetSpec,
  options: SuiteRunOptions = {},
): Promise<SuiteRun> {
  const started = performance.now()
  const fixture = createClientFixture({
    ...(options.budget === undefined ? {} : { budget: options.budget }),
    ...(options.onRun === undefined ? {} : { onRun: options.onRun }),
  })
  const target = await attachTarget(spec, {
    role: 'client',
    environment: environment.environment,
    replica: 0,
  })
  try {
    const session = await fixture.setup(environment.environment, target)
    try {
      const cases = clientCases.filter((definition) => options.caseIds?.includes(definition.id) ?? true)
      const jobs: (() => Promise<CaseResult>)[] = []
      for (const definition of cases) {
        for (const version of definition.versions.filter((v) => session.versions.includes(v))) {
          jobs.push(() =>
            executeCase(definition as CaseDefinition<ClientCaseContext>, version, session, target, {
              timeoutMs: options.timeoutMs ?? 20_000,
              verbose: true,
              seed: options.seed ?? environment.environment.seed,
            }),
          )
        }
      }
      const results = await runLimited(jobs, options.concurrency ?? 4)
      return { versions: session.versions, results, durationMs: Math.round(performance.now() - started) }
    } finally {
      await session.teardown()
    }
  } finally {
    await target.stop()
  }
}

async function runLimited<T>(jobs: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length)
  await runPool(jobs.length, Math.max(1, limit), async (index) => {
    results[index] = await jobs[index]!()
  })
  return results
}

/** `id@vN → outcome` for every result. */
export function outcomes(results: readonly CaseResult[]): Record<string, string> {
  return Object.fromEntries(results.map((result) => [`${result.id}@v${result.version}`, result.outcome]))
}
