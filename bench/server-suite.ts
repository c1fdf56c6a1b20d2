/**
 * Server suite benchmark: the wall time of the full x402 v2 server suite (default property runs)
 * against the reference server, as a user runs it (the CLI, starting its own devnet, built-in
 * facilitator and the reference server), and the same cases in this process (one worker's share,
 * without the CLI's worker start-up); and honest paid requests per second through the reference server
 * (402 → signed payment → verify → settle on chain → 200), one at a time and with several in flight.
 * `benchServerSuite` returns the numbers for bench/run.ts.
 *
 *   node bench/server-suite.ts [--payments N] [--concurrency N]
 */
import { createPayer } from '../harness/actors/payer.ts'
import { targetEnvironment } from '../harness/devnet/environment.ts'
import { freePort } from '../harness/devnet/index.ts'
import { startReferenceServer } from '../harness/reference/server/index.ts'
import { startWorkerEnvironment } from '../harness/runner/environment.ts'
import { runPool } from '../harness/runner/pool.ts'
import { encodeHeader, paymentHeaderName } from '../harness/wire/headers.ts'
import type { PaymentPayload, PaymentRequirementsV2 } from '../harness/wire/types.ts'
import { runServerSuite } from '../test/suites/server/run.ts'
import { describeOutcomes, runCli } from './cli.ts'
import { flag } from './flag.ts'

/** Options of {@link benchServerSuite}. */
export interface ServerSuiteBenchOptions {
  /** Honest paid requests per throughput measurement. Default 200. */
  payments?: number
  /** Paid requests in flight in the concurrent measurement. Default 8. */
  concurrency?: number
}

/** The numbers. Times in ms. */
export interface ServerSuiteBenchResult {
  /** `x402-conformance server <url> --start <reference v2>`: process start to exit. */
  cliWallMs: number
  cliExitCode: number | null
  /** Case runs in the CLI's report and their outcomes. */
  cliOutcomes: Record<string, number>
  /** The same suite in this process: devnet + facilitator + reference server + every v2 case (4 at once). */
  inProcessWallMs: number
  inProcessCases: number
  /** The slowest case of the in-process run. */
  slowestCase: { id: string; ms: number }
  /** Honest paid requests per second, one at a time. */
  paidPerSecond: number
  /** Honest paid requests per second with `concurrency` in flight. */
  concurrentPaidPerSecond: number
  payments: number
  concurrency: number
}

/** Runs the benchmark (throws if the suite is not all pass/info or a paid request is not a 200). */
export async function benchServerSuite(
  options: ServerSuiteBenchOptions = {},
): Promise<ServerSuiteBenchResult> {
  const payments = options.payments ?? 200
  const concurrency = options.concurrency ?? 8

  // 1. The CLI, as a user runs it.
  const port = await freePort()
  const cli = await runCli(
    [
      'server',
      `http://127.0.0.1:${port}/weather`,
      '--start',
      `${process.execPath} harness/reference/server/cli.ts --x402-version 2`,
    ],
    'bench-server-suite',
  )

  // 2. The same cases in this process.
  const inProcess = await runServerSuite(
    {
      kind: 'in-process',
      label: 'reference server v2',
      create: async (environment) => {
        const server = await startReferenceServer(2, environment)
        return { url: server.url, stop: server.stop }
      },
    },
    { concurrency: 4, seed: 1 },
  )
  const bad = inProcess.results.filter((result) => result.outcome !== 'pass' && result.outcome !== 'info')
  if (bad.length > 0)
    throw new Error(`the reference server did not pass: ${bad.map((r) => `${r.id} ${r.outcome}`).join(', ')}`)
  const slowest = [...inProcess.results].sort((a, b) => b.durationMs - a.durationMs)[0]!

  // 3. Honest paid requests per second.
  const { paidPerSecond, concurrentPaidPerSecond } = await paidThroughput(payments, concurrency)

  return {
    cliWallMs: Math.round(cli.wallMs),
    cliExitCode: cli.exitCode,
    cliOutcomes: cli.outcomes,
    inProcessWallMs: inProcess.durationMs,
    inProcessCases: inProcess.results.length,
    slowestCase: { id: slowest.id, ms: slowest.durationMs },
    paidPerSecond,
    concurrentPaidPerSecond,
    payments,
    concurrency,
  }
}

/** Pre-signed honest payments sent to the reference v2 server; only the paid round trips are timed. */
async function paidThroughput(
  payments: number,
  concurrency: number,
): Promise<{ paidPerSecond: number; concurrentPaidPerSecond: number }> {
  const environment = await startWorkerEnvironment({ seed: 1 })
  const { devnet, facilitatorUrl } = environment.environment
  const server = await startReferenceServer(2, targetEnvironment(devnet, { facilitatorUrl }))
  try {
    const challenge = await fetch(server.url)
    const header = challenge.headers.get('payment-required')
    if (challenge.status !== 402 || header === null) throw new Error('the reference server sent no challenge')
    const required = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as {
      accepts: PaymentRequirementsV2[]
      resource: { url: string }
    }
    const offer = required.accepts[0]!
    const payer = await createPayer({ devnet, resource: required.resource })
    const sign = async (count: number): Promise<PaymentPayload[]> => {
      const signed: PaymentPayload[] = []
      for (let i = 0; i < count; i++) signed.push((await payer.pay(offer, 2)).payload)
      return signed
    }
    const pay = async (payload: PaymentPayload) => {
      const response = await fetch(server.url, { headers: { [paymentHeaderName(2)]: encodeHeader(payload) } })
      await response.arrayBuffer()
      if (response.status !== 200) throw new Error(`a paid request got HTTP ${response.status}`)
    }
    const sequential = await sign(payments)
    let started = performance.now()
    await runPool(payments, 1, (index) => pay(sequential[index]!))
    const paidPerSecond = payments / ((performance.now() - started) / 1000)

    const parallel = await sign(payments)
    started = performance.now()
    await runPool(payments, concurrency, (index) => pay(parallel[index]!))
    const concurrentPaidPerSecond = payments / ((performance.now() - started) / 1000)
    return {
      paidPerSecond: Math.round(paidPerSecond),
      concurrentPaidPerSecond: Math.round(concurrentPaidPerSecond),
    }
  } finally {
    await server.stop()
    await environment.stop()
  }
}

if (import.meta.main) {
  const result = await benchServerSuite({
    payments: flag('payments', 200),
    concurrency: flag('concurrency', 8),
  })
  const outcomes = describeOutcomes(result.cliOutcomes)
  console.log('server suite (x402 v2, reference server, default property runs)')
  console.log(
    `  CLI run, start to exit:          ${(result.cliWallMs / 1000).toFixed(1)} s (exit ${result.cliExitCode}; ${outcomes})`,
  )
  console.log(
    `  in-process, ${result.inProcessCases} cases, 4 at once:   ${(result.inProcessWallMs / 1000).toFixed(1)} s (slowest: ${result.slowestCase.id} ${result.slowestCase.ms} ms)`,
  )
  console.log(
    'honest paid requests through the reference server v2 (verify + settle on chain via the built-in facilitator)',
  )
  console.log(
    `  one at a time:                   ${result.paidPerSecond} paid requests/s (${result.payments} requests)`,
  )
  console.log(
    `  ${result.concurrency} in flight:                     ${result.concurrentPaidPerSecond} paid requests/s`,
  )
}
