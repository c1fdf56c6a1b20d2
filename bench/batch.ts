/**
 * batch-settlement numbers: vouchers verified per second by the built-in facilitator (in process, one
 * funded channel), and gas per request when N requests are paid by one channel (deposit + one claim +
 * one settle) versus N `exact` payments (one transferWithAuthorization each), for N = 1, 10, 100, from
 * the receipts' gasUsed; and paid voucher requests per second through the reference v2 server.
 * Run alone: `node bench/batch.ts`.
 */

import { fileURLToPath } from 'node:url'
import type { Hash } from 'viem'
import { batchPayer } from '../harness/actors/batch-payer.ts'
import { targetEnvironment } from '../harness/devnet/environment.ts'
import { type Devnet, startDevnet } from '../harness/devnet/index.ts'
import { createFacilitator, type Facilitator, startFacilitator } from '../harness/facilitator/index.ts'
import { startReferenceServer } from '../harness/reference/server/index.ts'
import {
  type BatchOffer,
  batchRequest,
  claimRow,
  depositPayload,
  openChannel,
  signVoucher,
  voucherPayload,
} from '../harness/schemes/batch-settlement-evm/build.ts'
import { buildExactPayment } from '../harness/schemes/exact-evm/payment.ts'
import { decodeHeader, encodePaymentHeader } from '../harness/wire/headers.ts'
import type { PaymentPayloadV2, PaymentRequiredV2, PaymentRequirementsV2 } from '../harness/wire/types.ts'

/** What the bench measures. */
export interface BatchBench {
  vouchersVerifiedPerSecond: number
  verifyRuns: number
  /** Paid voucher requests per second through the reference v2 server over HTTP, one at a time. */
  serverVouchersPerSecond: number
  serverRuns: number
  /** Per N: gas per request of the channel path and of the exact path, and their ratio. */
  gas: { n: number; batchPerRequest: number; exactPerRequest: number; ratio: number }[]
}

const PRICE = 1_000n

/** Runs the bench on a fresh devnet. */
export async function benchBatch(
  verifyRuns = 300,
  sizes: readonly number[] = [1, 10, 100],
  serverRuns = 200,
): Promise<BatchBench> {
  const devnet = await startDevnet({ preset: 'base-sepolia' })
  try {
    const facilitator = createFacilitator({ devnet })
    const vouchersVerifiedPerSecond = await verifyRate(devnet, facilitator, verifyRuns)
    const gas = []
    for (const n of sizes) {
      const batchPerRequest = Number(await batchGas(devnet, facilitator, n)) / n
      const exactPerRequest = Number(await exactGas(devnet, facilitator, n)) / n
      gas.push({ n, batchPerRequest, exactPerRequest, ratio: batchPerRequest / exactPerRequest })
    }
    const serverVouchersPerSecond = await serverRate(devnet, serverRuns)
    return { vouchersVerifiedPerSecond, verifyRuns, serverVouchersPerSecond, serverRuns, gas }
  } finally {
    await devnet.stop()
  }
}

async function offerFor(devnet: Devnet, facilitator: Facilitator): Promise<BatchOffer> {
  const payTo = (await devnet.fundedAccount({ usdc: 0n })).address
  return {
    scheme: 'batch-settlement',
    network: devnet.preset.network,
    amount: PRICE.toString(),
    asset: devnet.usdc,
    payTo,
    maxTimeoutSeconds: 3600,
    extra: {
      receiverAuthorizer: facilitator.signer,
      withdrawDelay: 900,
      name: devnet.preset.eip712.name,
      version: devnet.preset.eip712.version,
    },
  }
}

async function settled(facilitator: Facilitator, request: unknown): Promise<Hash> {
  const answer = await facilitator.settle(request)
  if (!answer.success || !answer.transaction.startsWith('0x'))
    throw new Error(`settle failed: ${JSON.stringify(answer)}`)
  return answer.transaction as Hash
}

async function gasOf(devnet: Devnet, hashes: Hash[]): Promise<bigint> {
  let total = 0n
  for (const hash of hashes) total += (await devnet.publicClient.getTransactionReceipt({ hash })).gasUsed
  return total
}

async function verifyRate(devnet: Devnet, facilitator: Facilitator, runs: number): Promise<number> {
  const offer = await offerFor(devnet, facilitator)
  const payer = await devnet.fundedAccount({ usdc: 10_000_000n })
  const channel = openChannel({ offer, payer: payer.account, chainId: devnet.preset.chainId })
  await settled(facilitator, batchRequest(offer, await depositPayload(channel, 5_000_000n, PRICE)))
  // Signed beforehand: the rate is the facilitator's, not the signer's.
  const requests = []
  for (let i = 1; i <= runs; i++)
    requests.push(batchRequest(offer, await voucherPayload(channel, PRICE * BigInt(i))))
  const started = performance.now()
  for (const request of requests) {
    const answer = await facilitator.verify(request)
    if (!answer.isValid) throw new Error(`voucher refused: ${JSON.stringify(answer)}`)
  }
  return runs / ((performance.now() - started) / 1000)
}

/**
 * Paid requests through the reference v2 server and the built-in facilitator over HTTP: one deposit,
 * then `runs` vouchers signed beforehand, sent one at a time (each: the server's cumulative check, one
 * /verify, the resource, no transaction).
 */
async function serverRate(devnet: Devnet, runs: number): Promise<number> {
  const facilitator = await startFacilitator({ devnet })
  const server = await startReferenceServer(2, targetEnvironment(devnet, { facilitatorUrl: facilitator.url }))
  try {
    const challenge = await fetch(server.url)
    const required = decodeHeader(
      'PAYMENT-REQUIRED',
      challenge.headers.get('payment-required') ?? '',
    ) as PaymentRequiredV2
    const offer = required.accepts.find((item) => item.scheme === 'batch-settlement')
    if (!offer) throw new Error('the reference server offers no batch-settlement')
    const payer = await devnet.fundedAccount({ usdc: 10_000_000n })
    const channel = batchPayer(offer, payer.account, devnet.preset.chainId)
    const send = async (payment: PaymentPayloadV2) => {
      const response = await fetch(server.url, {
        headers: { 'PAYMENT-SIGNATURE': encodePaymentHeader(payment).value },
      })
      await response.arrayBuffer()
      if (response.status !== 200) throw new Error(`paid request answered ${response.status}`)
    }
    await send(await channel.deposit(5_000_000n, PRICE, await devnet.now()))
    const vouchers = []
    for (let i = 2; i <= runs + 1; i++) vouchers.push(await channel.voucher(PRICE * BigInt(i)))
    const started = performance.now()
    for (const voucher of vouchers) await send(voucher)
    return runs / ((performance.now() - started) / 1000)
  } finally {
    await server.stop()
    await facilitator.stop()
  }
}

/** N requests on one channel: the deposit, one claim of the last voucher, one settle. */
async function batchGas(devnet: Devnet, facilitator: Facilitator, n: number): Promise<bigint> {
  const offer = await offerFor(devnet, facilitator)
  const payer = await devnet.fundedAccount({ usdc: PRICE * BigInt(n) })
  const channel = openChannel({ offer, payer: payer.account, chainId: devnet.preset.chainId })
  const total = PRICE * BigInt(n)
  const deposit = await settled(facilitator, batchRequest(offer, await depositPayload(channel, total, PRICE)))
  const last = await signVoucher(channel, total)
  const claim = await settled(
    facilitator,
    batchRequest(offer, { type: 'claim', claims: [claimRow(channel, last, total)] }),
  )
  const sweep = await settled(
    facilitator,
    batchRequest(offer, { type: 'settle', receiver: offer.payTo, token: offer.asset }),
  )
  if ((await devnet.usdcBalance(offer.payTo)) !== total)
    throw new Error('the receiver did not get the claimed total')
  return gasOf(devnet, [deposit, claim, sweep])
}

/** N `exact` v2 payments, each settled on its own. */
async function exactGas(devnet: Devnet, facilitator: Facilitator, n: number): Promise<bigint> {
  const payer = await devnet.fundedAccount({ usdc: PRICE * BigInt(n) })
  const payTo = (await devnet.fundedAccount({ usdc: 0n })).address
  const requirements: PaymentRequirementsV2 = {
    scheme: 'exact',
    network: devnet.preset.network,
    amount: PRICE.toString(),
    asset: devnet.usdc,
    payTo,
    maxTimeoutSeconds: 300,
    extra: { name: devnet.preset.eip712.name, version: devnet.preset.eip712.version },
  }
  const hashes: Hash[] = []
  for (let i = 0; i < n; i++) {
    const payment = await buildExactPayment({ requirements, payer: payer.account })
    hashes.push(
      await settled(facilitator, {
        x402Version: 2,
        paymentPayload: payment.payload,
        paymentRequirements: requirements,
      }),
    )
  }
  return gasOf(devnet, hashes)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await benchBatch()
  console.log(
    `vouchers verified per second (built-in facilitator, in process): ${result.vouchersVerifiedPerSecond.toFixed(0)} (${result.verifyRuns} vouchers)`,
  )
  console.log(
    `paid voucher requests per second through the reference v2 server (HTTP, one at a time): ${result.serverVouchersPerSecond.toFixed(0)} (${result.serverRuns} vouchers)`,
  )
  console.log('gas per request: one channel (deposit + claim + settle) vs N exact payments')
  for (const row of result.gas) {
    console.log(
      `  N=${String(row.n).padStart(3)}  batch ${row.batchPerRequest.toFixed(0).padStart(7)}  exact ${row.exactPerRequest.toFixed(0).padStart(7)}  ratio ${row.ratio.toFixed(3)}`,
    )
  }
}
