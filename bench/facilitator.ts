/**
 * Throughput of the built-in facilitator beside the reference facilitator (@x402/core x402Facilitator +
 * @x402/evm registerExactEvmScheme 2.27), both in-process, on the same devnet, on the same pre-signed
 * v2 payments. Also the built-in facilitator's verify over HTTP. Prints a table; `benchFacilitator`
 * returns the numbers for bench/run.ts.
 *
 *   node bench/facilitator.ts [--verifies N] [--settles N] [--concurrency N]
 */
import type { Devnet, DevnetAccount } from '../harness/devnet/types.ts'
import { createFacilitator, startFacilitator } from '../harness/facilitator/index.ts'
import { runPool } from '../harness/runner/pool.ts'
import { buildExactPayment } from '../harness/schemes/exact-evm/index.ts'
import type { FacilitatorRequest, PaymentRequirementsV2 } from '../harness/wire/types.ts'
import { referenceFacilitator } from '../test/sdk/facilitators.ts'
import { flag } from './flag.ts'

/** Options of {@link benchFacilitator}. */
export interface FacilitatorBenchOptions {
  /** A running devnet to use; default: one is started and stopped. */
  devnet?: Devnet
  /** Verify calls per facilitator. Default 400. */
  verifies?: number
  /** Settle calls (distinct payments) per facilitator. Default 150. */
  settles?: number
  /** Calls in flight at once. Default 8. */
  concurrency?: number
}

/**
 * Calls per second, per facilitator and operation. `settlePerSecond` is sequential (one in flight);
 * `concurrentSettlePerSecond` has `concurrency` in flight, counting only successful settlements, and
 * `concurrentSettleFailures` counts valid payments that failed to settle (the reference signer fetches
 * its transaction nonce per send, so parallel sends collide).
 */
export interface FacilitatorBenchResult {
  builtin: FacilitatorRates & { httpVerifyPerSecond: number }
  reference: FacilitatorRates
  verifies: number
  settles: number
  concurrency: number
}

/** The numbers for one facilitator. */
export interface FacilitatorRates {
  verifyPerSecond: number
  settlePerSecond: number
  concurrentSettlePerSecond: number
  concurrentSettleFailures: number
}

/** Runs the benchmark and returns the numbers (throws if any call in it answers wrongly). */
export async function benchFacilitator(
  options: FacilitatorBenchOptions = {},
): Promise<FacilitatorBenchResult> {
  const verifies = options.verifies ?? 400
  const settles = options.settles ?? 150
  const concurrency = options.concurrency ?? 8
  const ownDevnet = options.devnet === undefined
  const devnet = options.devnet ?? (await (await import('../harness/devnet/index.ts')).startDevnet())
  try {
    // Separate settlement signers, so the two never compete for one account's transaction nonce.
    const builtin = createFacilitator({ devnet, signer: devnet.accounts[1]! })
    const reference = referenceFacilitator(devnet, devnet.accounts[4]!)
    const server = await startFacilitator({ devnet, signer: devnet.accounts[1]! })
    const payers = [2, 5, 6, 7, 8, 9].map((index) => devnet.accounts[index]!)
    const payTo = devnet.accounts[3]!.address

    // Verify does not change state: a pool of payments, cycled. Settle needs a fresh payment per call.
    const verifyPool = await signPayments(devnet, payers, payTo, 48)
    const settlements = async () => ({
      sequential: await signPayments(devnet, payers, payTo, settles),
      concurrent: await signPayments(devnet, payers, payTo, settles),
    })
    const builtinSettles = await settlements()
    const referenceSettles = await settlements()

    const checkValid = (answer: { isValid: boolean; invalidReason?: string }) => {
      if (!answer.isValid) throw new Error(`verify refused a valid payment: ${answer.invalidReason}`)
    }
    const checkSettled = (answer: { success: boolean; errorReason?: string }) => {
      if (!answer.success) throw new Error(`settle failed for a valid payment: ${answer.errorReason}`)
    }
    const pick = (i: number) => verifyPool[i % verifyPool.length]!

    // Warm-up (JIT, connection pools), then the timed runs.
    await runPool(16, concurrency, async (i) => checkValid(await builtin.verify(pick(i))))
    await runPool(16, concurrency, async (i) => checkValid(await reference.verify(pick(i))))

    const builtinVerify = await rate(verifies, concurrency, async (i) =>
      checkValid(await builtin.verify(pick(i))),
    )
    const referenceVerify = await rate(verifies, concurrency, async (i) =>
      checkValid(await reference.verify(pick(i))),
    )
    const httpVerify = await rate(verifies, concurrency, async (i) => {
      const response = await fetch(`${server.url}/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(pick(i)),
      })
      checkValid((await response.json()) as { isValid: boolean })
    })
    const builtinSettle = await rate(settles, 1, async (i) =>
      checkSettled(await builtin.settle(builtinSettles.sequential[i]!)),
    )
    const referenceSettle = await rate(settles, 1, async (i) =>
      checkSettled(await reference.settle(referenceSettles.sequential[i]!)),
    )
    const builtinConcurrent = await successRate(settles, concurrency, (i) =>
      builtin.settle(builtinSettles.concurrent[i]!),
    )
    const referenceConcurrent = await successRate(settles, concurrency, (i) =>
      reference.settle(referenceSettles.concurrent[i]!),
    )
    await server.stop()
    return {
      builtin: {
        verifyPerSecond: builtinVerify,
        httpVerifyPerSecond: httpVerify,
        settlePerSecond: builtinSettle,
        concurrentSettlePerSecond: builtinConcurrent.perSecond,
        concurrentSettleFailures: builtinConcurrent.failures,
      },
      reference: {
        verifyPerSecond: referenceVerify,
        settlePerSecond: referenceSettle,
        concurrentSettlePerSecond: referenceConcurrent.perSecond,
        concurrentSettleFailures: referenceConcurrent.failures,
      },
      verifies,
      settles,
      concurrency,
    }
  } finally {
    if (ownDevnet) await devnet.stop()
  }
}

/** `count` signed v2 payments of 1000 atomic units, round-robin over `payers`. */
async function signPayments(
  devnet: Devnet,
  payers: readonly DevnetAccount[],
  payTo: `0x${string}`,
  count: number,
): Promise<FacilitatorRequest[]> {
  const requirements: PaymentRequirementsV2 = {
    scheme: 'exact',
    network: devnet.preset.network,
    amount: '1000',
    asset: devnet.usdc,
    payTo,
    maxTimeoutSeconds: 600,
    extra: { name: devnet.preset.eip712.name, version: devnet.preset.eip712.version },
  }
  const now = await devnet.now()
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const payer = payers[i % payers.length]!
      const { payload } = await buildExactPayment({ requirements, payer: payer.account, now })
      return {
        x402Version: 2,
        paymentPayload: payload,
        paymentRequirements: requirements,
      } as FacilitatorRequest
    }),
  )
}

/** Calls per second of `runPool(count, concurrency, work)`. */
async function rate(
  count: number,
  concurrency: number,
  work: (index: number) => Promise<void>,
): Promise<number> {
  const started = performance.now()
  await runPool(count, concurrency, work)
  return count / ((performance.now() - started) / 1000)
}

/** Successful settlements per second with `concurrency` in flight, and how many failed. */
async function successRate(
  count: number,
  concurrency: number,
  settle: (index: number) => Promise<{ success: boolean }>,
): Promise<{ perSecond: number; failures: number }> {
  let failures = 0
  const started = performance.now()
  await runPool(count, concurrency, async (i) => {
    if (!(await settle(i)).success) failures += 1
  })
  return { perSecond: (count - failures) / ((performance.now() - started) / 1000), failures }
}

if (import.meta.main) {
  const result = await benchFacilitator({
    verifies: flag('verifies', 400),
    settles: flag('settles', 150),
    concurrency: flag('concurrency', 8),
  })
  const n = (value: number) => value.toFixed(0).padStart(10)
  const row = (name: string, rates: FacilitatorRates) =>
    `${name.padEnd(34)}${n(rates.verifyPerSecond)}${n(rates.settlePerSecond)}${n(rates.concurrentSettlePerSecond)}` +
    (rates.concurrentSettleFailures > 0
      ? `  (${rates.concurrentSettleFailures} of ${result.settles} failed)`
      : '')
  console.log(
    `facilitator throughput: ${result.verifies} verifies and ${result.concurrency} in flight; ` +
      `${result.settles} settles sequential, ${result.settles} with ${result.concurrency} in flight`,
  )
  console.log(
    `${''.padEnd(34)}${'verify/s'.padStart(10)}${'settle/s'.padStart(10)}${'par.set/s'.padStart(10)}`,
  )
  console.log(row('built-in (in-process)', result.builtin))
  console.log(`${'built-in (HTTP, 127.0.0.1)'.padEnd(34)}${n(result.builtin.httpVerifyPerSecond)}`)
  console.log(row('reference @x402 2.27 (in-process)', result.reference))
}
