/**
 * Facilitator suite benchmark: the wall time of the full facilitator suite (x402 v1 and v2, default
 * property runs) against the built-in facilitator, as a user runs it (the CLI, starting its own devnet
 * and the built-in facilitator with `--start`), and the same case runs in this process (one worker,
 * without the CLI's start-up). `benchFacilitatorSuite` returns the numbers for bench/run.ts.
 *
 *   node bench/facilitator-suite.ts [--concurrency N]
 */
import { freePort } from '../harness/devnet/index.ts'
import { startWorkerEnvironment } from '../harness/runner/environment.ts'
import { startBuiltinFacilitator } from '../suites/facilitator/builtin.ts'
import { runFacilitatorSuite } from '../test/suites/facilitator/run.ts'
import { describeOutcomes, runCli } from './cli.ts'
import { flag } from './flag.ts'

/** Options of {@link benchFacilitatorSuite}. */
export interface FacilitatorSuiteBenchOptions {
  /** Case runs at once in the in-process run. Default 4 (the CLI's default). */
  concurrency?: number
}

/** The numbers. Times in ms. */
export interface FacilitatorSuiteBenchResult {
  /** `x402-conformance facilitator <url> --start "node harness/facilitator/cli.ts"`: start to exit. */
  cliWallMs: number
  cliExitCode: number | null
  /** Outcome counts of the CLI's report. */
  cliOutcomes: Record<string, number>
  /** Devnet (anvil, USDC, Multicall3) and the worker's built-in facilitator, started in this process. */
  environmentStartMs: number
  /** Every case × version against the built-in facilitator in this process (attach, setup, cases). */
  inProcessWallMs: number
  inProcessCaseRuns: number
  concurrency: number
  /** The slowest case runs of the in-process run. */
  slowest: { key: string; ms: number }[]
}

/** Runs the benchmark (throws if the built-in facilitator does not pass every case, info for MAY). */
export async function benchFacilitatorSuite(
  options: FacilitatorSuiteBenchOptions = {},
): Promise<FacilitatorSuiteBenchResult> {
  const concurrency = options.concurrency ?? 4

  // 1. The CLI, as a user runs it.
  const port = await freePort()
  const cli = await runCli(
    ['facilitator', `http://127.0.0.1:${port}`, '--start', `${process.execPath} harness/facilitator/cli.ts`],
    'bench-facilitator-suite',
  )

  // 2. The same case runs in this process.
  const environmentStarted = performance.now()
  const started = await startWorkerEnvironment({ seed: 1 })
  const environmentStartMs = performance.now() - environmentStarted
  try {
    const run = await runFacilitatorSuite(
      {
        kind: 'in-process',
        label: 'built-in facilitator',
        create: (environment) => startBuiltinFacilitator(environment),
      },
      started.environment,
      { concurrency },
    )
    const bad = run.results.filter((result) =>
      result.level === 'MAY' ? !['pass', 'info'].includes(result.outcome) : result.outcome !== 'pass',
    )
    if (bad.length > 0)
      throw new Error(
        `the built-in facilitator did not pass: ${bad.map((r) => `${r.id}@v${r.version} ${r.outcome}`).join(', ')}`,
      )
    const slowest = [...run.results]
      .sort((a, b) => b.durationMs - a.durationMs)
      .slice(0, 3)
      .map((result) => ({ key: `${result.id}@v${result.version}`, ms: result.durationMs }))
    return {
      cliWallMs: Math.round(cli.wallMs),
      cliExitCode: cli.exitCode,
      cliOutcomes: cli.outcomes,
      environmentStartMs: Math.round(environmentStartMs),
      inProcessWallMs: Math.round(run.durationMs),
      inProcessCaseRuns: run.results.length,
      concurrency,
      slowest,
    }
  } finally {
    await started.stop()
  }
}

if (import.meta.main) {
  const result = await benchFacilitatorSuite({ concurrency: flag('concurrency', 4) })
  const outcomes = describeOutcomes(result.cliOutcomes)
  console.log('facilitator suite against the built-in facilitator (x402 v1 + v2)')
  console.log(
    `  CLI (devnet + --start + every case):  ${result.cliWallMs} ms, exit ${result.cliExitCode} (${outcomes})`,
  )
  console.log(`  in-process devnet start:               ${result.environmentStartMs} ms`)
  console.log(
    `  in-process case runs:                  ${result.inProcessWallMs} ms for ${result.inProcessCaseRuns} case runs, ${result.concurrency} at once`,
  )
  console.log(`  slowest: ${result.slowest.map((entry) => `${entry.key} ${entry.ms} ms`).join(', ')}`)
}
