/**
 * A small local loop over the runner's pieces (worker environment, target adapters, `executeCase`),
 * so the self-tests run the server suite exactly as a runner worker does, in this process.
 */

import type { CaseDefinition } from '../../../harness/model/case.ts'
import type { CaseResult } from '../../../harness/model/result.ts'
import { type StartedEnvironment, startWorkerEnvironment } from '../../../harness/runner/environment.ts'
import { executeCase } from '../../../harness/runner/execute.ts'
import type { TargetSpec, WorkerEnvironment } from '../../../harness/runner/fixture.ts'
import { runPool } from '../../../harness/runner/pool.ts'
import { attachTarget } from '../../../harness/targets/attach.ts'
import type { X402Version } from '../../../harness/wire/types.ts'
import { serverCases } from '../../../suites/server/cases/index.ts'
import type { ServerContext } from '../../../suites/server/context.ts'
import { createServerFixture, type ServerFixtureOptions } from '../../../suites/server/fixture.ts'

export interface SuiteRunOptions {
  /** Reuse this worker environment (devnet + built-in facilitator); default: start one and stop it after. */
  environment?: WorkerEnvironment
  /** Only these case ids (default: every case). */
  caseIds?: readonly string[]
  /** Skip cases with any of these tags. */
  excludeTags?: readonly string[]
  /** Only these versions (default: every version the server shows). */
  versions?: readonly X402Version[]
  concurrency?: number
  seed?: number
  timeoutMs?: number
  fixture?: ServerFixtureOptions
}

export interface SuiteRun {
  results: CaseResult[]
  versions: readonly X402Version[]
  capabilities: readonly string[]
  durationMs: number
}

/** Starts the environment a runner worker would have. */
export function startEnvironment(seed = 1): Promise<StartedEnvironment> {
  return startWorkerEnvironment({ seed })
}

/** Runs the server suite against `target` and returns every result. */
export async function runServerSuite(target: TargetSpec, options: SuiteRunOptions = {}): Promise<SuiteRun> {
  const started = options.environment ? undefined : await startEnvironment(options.seed)
  const environment = options.environment ?? started!.environment
  const startedAt = performance.now()
  const attached = await attachTarget(target, { role: 'server', environment, replica: 0 })
  try {
    const session = await createServerFixture(options.fixture).setup(environment, attached)
    const versions = session.versions.filter((v) => options.versions?.includes(v) ?? true)
    const cases = serverCases.filter(
      (definition) =>
        (options.caseIds?.includes(definition.id) ?? true) &&
        !(definition.tags ?? []).some((tag) => options.excludeTags?.includes(tag)),
    )
    const work: [CaseDefinition<ServerContext>, X402Version][] = []
    for (const definition of cases)
      for (const version of definition.versions)
        if (versions.includes(version)) work.push([definition, version])
    const results: CaseResult[] = []
    const runOptions = { timeoutMs: options.timeoutMs ?? 20_000, verbose: true, seed: options.seed ?? 1 }
    await runPool(work.length, options.concurrency ?? 4, async (index) => {
      const [definition, version] = work[index]!
      results.push(await executeCase(definition, version, session, attached, runOptions))
    })
    await session.teardown()
    return {
      results,
      versions,
      capabilities: session.capabilities,
      durationMs: Math.round(performance.now() - startedAt),
    }
  } finally {
    await attached.stop()
    await started?.stop()
  }
}

/** `<id>@v<version>` → outcome. */
export function outcomes(results: readonly CaseResult[]): Record<string, string> {
  return Object.fromEntries(
    [...results]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.version - b.version))
      .map((r) => [`${r.id}@v${r.version}`, r.outcome]),
  )
}
