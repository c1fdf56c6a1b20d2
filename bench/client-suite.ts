/**
 * Client suite benchmark: the wall time of the full client suite (v1 and v2) against the reference
 * client as a user runs it (the CLI with `--start`, one client process per payment, starting its own
 * devnet and built-in facilitator), and the same suite in this process against the three forms a client
 * can take: a command (one process start per payment, the cost to beat), a driver (one long-running
 * process asked by POST) and in-process. For each form: the time spent inside the client's own runs and
 * the suite's overhead per case beyond them (paywall, settlement on chain, verdicts, chain reads).
 * `benchClientSuite` returns the numbers for bench/run.ts.
 *
 *   node bench/client-suite.ts
 */
import { targetEnvironment } from '../harness/devnet/environment.ts'
import {
  configFromEnvironment,
  DEFAULT_CLIENT_BUDGET,
  REFERENCE_CLIENT_CLI,
  referenceClientTarget,
  startClientDriver,
} from '../harness/reference/client/index.ts'
import type { TargetSpec } from '../harness/runner/fixture.ts'
import { runClientSuite, startEnvironment } from '../test/suites/client/run.ts'
import { runCli } from './cli.ts'

/** The numbers of one form of the client. Times in ms. */
export interface ClientFormNumbers {
  /** Session set-up (the two version probes) plus every case × version, 4 cases at once. */
  wallMs: number
  caseRuns: number
  /** Runs of the client (probes and the shared honest exchanges included). */
  clientRuns: number
  /** Mean time of one client run, as the suite waits for it (process start included for a command). */
  meanClientRunMs: number
  /** Mean duration of a case run. */
  meanCaseMs: number
  /** Mean time per case run spent outside the client's own runs: the suite's overhead. */
  perCaseOverheadMs: number
  /** Outcomes other than pass (the reference should have none). */
  notPassed: string[]
}

/** The benchmark's result. Times in ms. */
export interface ClientSuiteBenchResult {
  /** `x402-conformance client --start "<reference client command> {url}"`: process start to exit. */
  cliWallMs: number
  cliExitCode: number | null
  /** Case runs in the CLI's report, by outcome. */
  cliOutcomes: Record<string, number>
  command: ClientFormNumbers
  driver: ClientFormNumbers
  inProcess: ClientFormNumbers
  /** What a process start adds to each client run: mean command run − mean in-process run. */
  processStartMs: number
}

/** Runs the benchmark (throws if the reference client does not pass every case through the CLI). */
export async function benchClientSuite(): Promise<ClientSuiteBenchResult> {
  // 1. The CLI, as a user runs it; the budget declared so every case runs.
  const cli = await runCli(
    ['client', '--start', `${process.execPath} ${REFERENCE_CLIENT_CLI} {url}`],
    'bench-client-suite',
    { ...process.env, X402_CLIENT_BUDGET: String(DEFAULT_CLIENT_BUDGET) },
  )

  // 2. The three forms in this process, on one devnet.
  const environment = await startEnvironment(3)
  try {
    const command = await measure(environment, {
      kind: 'start',
      command: `${process.execPath} ${REFERENCE_CLIENT_CLI} {url}`,
    })
    const payer = await environment.environment.devnet.fundedAccount()
    const env = {
      ...targetEnvironment(environment.environment.devnet, {
        facilitatorUrl: environment.environment.facilitatorUrl,
      }),
      X402_PRIVATE_KEY: payer.privateKey,
    }
    const driverProcess = await startClientDriver(configFromEnvironment(env))
    let driver: ClientFormNumbers
    try {
      driver = await measure(environment, { kind: 'driver', url: driverProcess.url })
    } finally {
      await driverProcess.stop()
    }
    const inProcess = await measure(environment, referenceClientTarget())
    return {
      cliWallMs: Math.round(cli.wallMs),
      cliExitCode: cli.exitCode,
      cliOutcomes: cli.outcomes,
      command,
      driver,
      inProcess,
      processStartMs: Math.round(command.meanClientRunMs - inProcess.meanClientRunMs),
    }
  } finally {
    await environment.stop()
  }
}

async function measure(
  environment: Awaited<ReturnType<typeof startEnvironment>>,
  spec: TargetSpec,
): Promise<ClientFormNumbers> {
  let clientRuns = 0
  let clientMs = 0
  let clientMsInCases = 0
  const run = await runClientSuite(environment, spec, {
    budget: DEFAULT_CLIENT_BUDGET,
    timeoutMs: 120_000,
    onRun: (clientRun) => {
      clientRuns++
      clientMs += clientRun.durationMs
      // The version probes (the shared honest exchanges) run during set-up, before any case; every
      // other run is waited for by a case.
      if (!clientRun.endpoint.url.includes('/x402/probe-')) clientMsInCases += clientRun.durationMs
    },
  })
  const caseMs = run.results.reduce((sum, result) => sum + result.durationMs, 0)
  const caseRuns = run.results.length
  return {
    wallMs: run.durationMs,
    caseRuns,
    clientRuns,
    meanClientRunMs: round(clientMs / Math.max(1, clientRuns)),
    meanCaseMs: round(caseMs / Math.max(1, caseRuns)),
    perCaseOverheadMs: round((caseMs - clientMsInCases) / Math.max(1, caseRuns)),
    notPassed: run.results
      .filter((result) => result.outcome !== 'pass')
      .map((result) => `${result.id}@v${result.version}=${result.outcome}`),
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10
}

if (import.meta.main) {
  const result = await benchClientSuite()
  const row = (name: string, form: ClientFormNumbers) =>
    `${name.padEnd(26)}${String(form.wallMs).padStart(9)}${String(form.caseRuns).padStart(7)}${String(form.clientRuns).padStart(8)}` +
    `${form.meanClientRunMs.toFixed(1).padStart(11)}${form.meanCaseMs.toFixed(1).padStart(10)}${form.perCaseOverheadMs.toFixed(1).padStart(11)}` +
    (form.notPassed.length > 0 ? `  not passed: ${form.notPassed.join(', ')}` : '')
  console.log(
    `client suite, CLI (--start, a process per payment, own devnet): ${result.cliWallMs} ms, exit ${result.cliExitCode}, ${JSON.stringify(result.cliOutcomes)}`,
  )
  console.log(
    `${''.padEnd(26)}${'wall ms'.padStart(9)}${'cases'.padStart(7)}${'runs'.padStart(8)}${'ms/run'.padStart(11)}${'ms/case'.padStart(10)}${'overhead'.padStart(11)}`,
  )
  console.log(row('command (process/payment)', result.command))
  console.log(row('driver (POST {url})', result.driver))
  console.log(row('in-process', result.inProcess))
  console.log(`a process start adds ${result.processStartMs} ms to each client run`)
}
