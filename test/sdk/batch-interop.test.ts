/**
 * The real published batch-settlement client and server (@x402/fetch + @x402/express + @x402/evm 2.27)
 * against each other on a real devnet, through the built-in facilitator on loopback: a deposit, then
 * vouchers, then the server's channel manager claims and settles. Checks the PAYMENT-RESPONSE contract
 * of scheme_batch_settlement_evm.md ("Payment Response Contract"), the facilitator's log, the chain,
 * the corrective 402 a cold-started client gets from a server holding unclaimed charges, and the
 * command-line client continuing its channel from its file storage.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import type { PaymentRequirements } from '@x402/core/types'
import { computeChannelId, signVoucher } from '@x402/evm/batch-settlement/client'
import type { Hex } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { batchSettlementAbi } from '../../contracts/artifacts/index.ts'
import { BATCH_SETTLEMENT_ADDRESS } from '../../harness/devnet/batch.ts'
import { targetEnvironment } from '../../harness/devnet/environment.ts'
import { type Devnet, startDevnet } from '../../harness/devnet/index.ts'
import {
  type FacilitatorCall,
  type RunningFacilitator,
  startFacilitator,
} from '../../harness/facilitator/index.ts'
import { createSdkBatchClient, sdkBatchClientTarget } from './batch-client.ts'
import { defaultStateDir, SDK_BATCH_CLIENT_CLI } from './batch-client-cli.ts'
import {
  BATCH_PRICE,
  type RunningBatchServer,
  sdkBatchServerTarget,
  startSdkBatchServerV2,
} from './batch-server.ts'
import type { ClientOutcome } from './clients.ts'
import { WEATHER } from './servers.ts'

const run = promisify(execFile)

/** One HTTP exchange the SDK client made, with the x402 headers decoded. */
interface Exchange {
  status: number
  /** Decoded PAYMENT-SIGNATURE of the request, when it carried one. */
  paymentPayload?: Record<string, unknown>
  /** Decoded PAYMENT-REQUIRED of the response. */
  paymentRequired?: Record<string, unknown>
  /** Decoded PAYMENT-RESPONSE of the response. */
  paymentResponse?: Record<string, unknown>
}

const decode = (header: string | null): Record<string, unknown> | undefined =>
  header === null
    ? undefined
    : (JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as Record<string, unknown>)

/** A fetch that records every exchange (what the SDK sent and got) into `log`. */
function recordingFetch(log: Exchange[]): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init)
    const response = await fetch(request)
    const entry: Exchange = { status: response.status }
    const signature = decode(request.headers.get('PAYMENT-SIGNATURE'))
    const required = decode(response.headers.get('PAYMENT-REQUIRED'))
    const settled = decode(response.headers.get('PAYMENT-RESPONSE'))
    if (signature) entry.paymentPayload = signature
    if (required) entry.paymentRequired = required
    if (settled) entry.paymentResponse = settled
    log.push(entry)
    return response
  }
}

/** `payload.type` of a logged facilitator call's payment payload. */
const payloadType = (call: FacilitatorCall): unknown => {
  const request = call.request as { paymentPayload?: { payload?: { type?: unknown } } } | undefined
  return request?.paymentPayload?.payload?.type
}

/** A payment payload's inner `payload`, typed loosely for reading. */
const innerPayload = (exchange: Exchange | undefined) =>
  (exchange?.paymentPayload?.payload ?? {}) as {
    type?: string
    voucher?: { channelId: Hex; maxClaimableAmount: string }
    deposit?: { amount: string }
  }

const HASH = /^0x[0-9a-f]{64}$/

describe('@x402 2.27 batch-settlement client ↔ server through the built-in facilitator', () => {
  let devnet: Devnet
  let facilitator: RunningFacilitator
  const servers: RunningBatchServer[] = []
  const directories: string[] = []

  beforeAll(async () => {
    devnet = await startDevnet({ preset: 'base-sepolia' })
    facilitator = await startFacilitator({ devnet })
  }, 60_000)

  afterAll(async () => {
    for (const server of servers) await server.stop()
    await facilitator?.stop()
    await devnet?.stop()
    for (const directory of directories) await rm(directory, { recursive: true, force: true })
  })

  /** An SDK batch server paying a fresh receiver, and the environment it was started with. */
  const freshServer = async () => {
    const payTo = privateKeyToAccount(generatePrivateKey()).address
    const environment = targetEnvironment(devnet, { facilitatorUrl: facilitator.url, payTo })
    const server = await startSdkBatchServerV2({ ...environment })
    servers.push(server)
    return { server, payTo, environment }
  }

  /** The on-chain channel: `[balance, totalClaimed]`. */
  const channel = async (channelId: Hex) =>
    (await devnet.publicClient.readContract({
      address: BATCH_SETTLEMENT_ADDRESS,
      abi: batchSettlementAbi,
      functionName: 'channels',
      args: [channelId],
    })) as readonly [bigint, bigint]

  test('deposit, two vouchers, then the server claims and settles exactly 3 × the price', async () => {
    const payer = await devnet.fundedAccount({ usdc: 1_000_000n })
    const { server, payTo } = await freshServer()
    const exchanges: Exchange[] = []
    const client = createSdkBatchClient(payer.privateKey, {
      rpcUrl: devnet.rpcUrl,
      chainId: devnet.preset.chainId,
      fetch: recordingFetch(exchanges),
    })
    const since = facilitator.log.mark()
    const payerBefore = await devnet.usdcBalance(payer.address)

    const outcomes: ClientOutcome[] = []
    for (let request = 0; request < 3; request++) outcomes.push(await client.pay(server.resourceUrl))

    // Each payment: an unpaid probe answered 402, then the paid request answered 200 (no retries).
    expect(exchanges.map((exchange) => exchange.status)).toEqual([402, 200, 402, 200, 402, 200])
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({ success: true, status: 200 })
      expect(JSON.parse(outcome.body)).toEqual(WEATHER)
    }
    const challenge = exchanges[0]!.paymentRequired as { accepts: Record<string, unknown>[] }
    expect(challenge.accepts).toHaveLength(1)
    expect(challenge.accepts[0]).toMatchObject({
      scheme: 'batch-settlement',
      network: devnet.preset.network,
      amount: BATCH_PRICE.toString(),
      asset: devnet.usdc,
      payTo,
      extra: {
        receiverAuthorizer: facilitator.signer,
        withdrawDelay: 900,
        name: 'USDC',
        version: '2',
        // Not in the spec's table: the SDK server announces a deposit hint of 10 × the price.
        minDeposit: (10n * BATCH_PRICE).toString(),
      },
    })

    const paid = [exchanges[1], exchanges[3], exchanges[5]].map(innerPayload)
    expect(paid.map((payload) => payload.type)).toEqual(['deposit', 'voucher', 'voucher'])
    expect(paid.map((payload) => payload.voucher?.maxClaimableAmount)).toEqual(['1000', '2000', '3000'])
    const deposit = BigInt(paid[0]!.deposit!.amount)
    // The SDK client's default deposit is the server's minDeposit hint.
    expect(deposit).toBe(10n * BATCH_PRICE)
    const channelId = paid[0]!.voucher!.channelId
    expect(new Set(paid.map((payload) => payload.voucher?.channelId))).toEqual(new Set([channelId]))

    // PAYMENT-RESPONSE per request: the deposit moved funds, the vouchers only charged off-chain.
    const responses = outcomes.map((outcome) => outcome.paymentResponse as Record<string, unknown>)
    expect(responses[0]).toMatchObject({
      success: true,
      transaction: expect.stringMatching(HASH),
      network: devnet.preset.network,
      amount: deposit.toString(),
      extra: {
        chargedAmount: BATCH_PRICE.toString(),
        channelState: {
          channelId,
          balance: deposit.toString(),
          totalClaimed: '0',
          withdrawRequestedAt: 0,
          refundNonce: '0',
          chargedCumulativeAmount: '1000',
        },
      },
    })
    for (const [index, response] of responses.entries()) {
      if (index === 0) continue
      expect(response).toMatchObject({
        success: true,
        transaction: '',
        network: devnet.preset.network,
        amount: '',
        extra: {
          chargedAmount: BATCH_PRICE.toString(),
          channelState: {
            channelId,
            balance: deposit.toString(),
            totalClaimed: '0',
            withdrawRequestedAt: 0,
            refundNonce: '0',
            chargedCumulativeAmount: String(1000 * (index + 1)),
          },
        },
      })
    }
    // `payer` is the spec example's field; the SDK server lowercases it on voucher responses.
    expect(responses.map((response) => String(response.payer).toLowerCase())).toEqual(
      Array(3).fill(payer.address.toLowerCase()),
    )

    // The facilitator saw the deposit verified and settled; the vouchers are verified locally by the SDK
    // server (EOA payerAuthorizer, fresh mirrored state) and never reach the facilitator.
    const calls = facilitator.log.calls({ since })
    const seen = calls
      .filter((call) => call.endpoint === 'verify' || call.endpoint === 'settle')
      .map((call) => `${call.endpoint}:${String(payloadType(call))}`)
    expect(seen).toEqual(['verify:deposit', 'settle:deposit'])
    const depositSettle = calls.find((call) => call.endpoint === 'settle')!
    expect(depositSettle.response).toMatchObject({ success: true, amount: deposit.toString() })
    expect(await channel(channelId)).toEqual([deposit, 0n])
    expect(payerBefore - (await devnet.usdcBalance(payer.address))).toBe(deposit)
    expect(await devnet.usdcBalance(payTo)).toBe(0n)

    // The server claims its vouchers and sweeps them to payTo.
    const mark = facilitator.log.mark()
    const result = await server.claimAndSettle()
    expect(result.claims).toEqual([{ vouchers: 1, transaction: expect.stringMatching(HASH) }])
    expect(result.settle).toEqual({ transaction: expect.stringMatching(HASH) })
    const settlement = facilitator.log
      .calls({ since: mark })
      .filter((call) => call.endpoint === 'settle')
      .map((call) => ({ type: payloadType(call), response: call.response }))
    expect(settlement).toMatchObject([
      { type: 'claim', response: { success: true, transaction: result.claims[0]!.transaction } },
      {
        type: 'settle',
        response: { success: true, transaction: result.settle!.transaction, amount: '3000' },
      },
    ])
    expect(await devnet.usdcBalance(payTo)).toBe(3n * BATCH_PRICE)
    expect(payerBefore - (await devnet.usdcBalance(payer.address))).toBe(deposit)
    expect(await channel(channelId)).toEqual([deposit, 3n * BATCH_PRICE])

    // Nothing left to claim: the manager does not call the facilitator again.
    const idle = facilitator.log.mark()
    expect(await server.claimAndSettle()).toEqual({ claims: [], settle: undefined })
    expect(facilitator.log.calls({ since: idle, endpoint: 'settle' })).toEqual([])
  }, 60_000)

  test('a cold-started client gets a corrective 402 from a server holding unclaimed charges, then pays', async () => {
    const payer = await devnet.fundedAccount({ usdc: 1_000_000n })
    const { server } = await freshServer()
    const chain = { rpcUrl: devnet.rpcUrl, chainId: devnet.preset.chainId }
    const warm = createSdkBatchClient(payer.privateKey, chain)
    expect((await warm.pay(server.resourceUrl)).status).toBe(200)
    expect((await warm.pay(server.resourceUrl)).status).toBe(200)

    // A second client of the same payer, with no record: the SDK recovers from the chain
    // (chargedCumulativeAmount = totalClaimed = 0), so its voucher is 1000 while the server charged 2000.
    const exchanges: Exchange[] = []
    const cold = createSdkBatchClient(payer.privateKey, { ...chain, fetch: recordingFetch(exchanges) })
    const outcome = await cold.pay(server.resourceUrl)
    expect(exchanges.map((exchange) => exchange.status)).toEqual([402, 402, 200])
    expect(innerPayload(exchanges[1])).toMatchObject({
      type: 'voucher',
      voucher: { maxClaimableAmount: '1000' },
    })
    const corrective = exchanges[1]!.paymentRequired as {
      error?: string
      accepts: { extra: Record<string, unknown> }[]
    }
    const channelId = innerPayload(exchanges[1]).voucher!.channelId
    expect(corrective.error).toBe('invalid_batch_settlement_evm_cumulative_amount_mismatch')
    expect(corrective.accepts[0]!.extra).toMatchObject({
      channelState: {
        channelId,
        balance: '10000',
        totalClaimed: '0',
        withdrawRequestedAt: 0,
        refundNonce: '0',
        chargedCumulativeAmount: '2000',
      },
      voucherState: { signedMaxClaimable: '2000', signature: expect.stringMatching(/^0x[0-9a-f]+$/) },
    })
    // The mismatch is the server's own check: no facilitator call carried the stale voucher.
    // After verifying the voucherState signature the SDK client adopts 2000 and retries with 3000.
    expect(innerPayload(exchanges[2])).toMatchObject({
      type: 'voucher',
      voucher: { maxClaimableAmount: '3000' },
    })
    expect(outcome).toMatchObject({
      success: true,
      status: 200,
      paymentResponse: {
        transaction: '',
        amount: '',
        extra: { channelState: { chargedCumulativeAmount: '3000' } },
      },
    })
  }, 60_000)

  test('a cooperative refund returns the unclaimed deposit; the claimed charges settle to payTo', async () => {
    const payer = await devnet.fundedAccount({ usdc: 1_000_000n })
    const { server, payTo } = await freshServer()
    const client = createSdkBatchClient(payer.privateKey, {
      rpcUrl: devnet.rpcUrl,
      chainId: devnet.preset.chainId,
    })
    for (let request = 0; request < 3; request++)
      expect((await client.pay(server.resourceUrl)).status).toBe(200)
    const since = facilitator.log.mark()

    // The SDK client signs a zero-charge voucher (3000); the SDK server adds the outstanding claim and
    // the nonce, and the facilitator (the delegated receiver authorizer) signs both.
    const refund = (await client.scheme.refund(server.resourceUrl)) as unknown as Record<string, unknown>
    expect(refund).toMatchObject({
      success: true,
      transaction: expect.stringMatching(HASH),
      amount: '7000',
      extra: {
        channelState: {
          balance: '3000',
          totalClaimed: '3000',
          refundNonce: '1',
          chargedCumulativeAmount: '3000',
        },
      },
    })
    // A refund response carries no chargedAmount (spec: "extra.chargedAmount is omitted").
    expect(refund.extra).not.toHaveProperty('chargedAmount')
    const calls = facilitator.log.calls({ since }).filter((call) => call.endpoint !== 'supported')
    expect(calls.map((call) => `${call.endpoint}:${String(payloadType(call))}`)).toEqual([
      'verify:refund',
      'settle:refund',
    ])
    expect(
      (calls[1]!.request as { paymentPayload: { payload: unknown } }).paymentPayload.payload,
    ).toMatchObject({
      type: 'refund',
      amount: '7000',
      refundNonce: '0',
      claims: [{ voucher: { maxClaimableAmount: '3000' }, totalClaimed: '3000' }],
    })
    expect(await devnet.usdcBalance(payer.address)).toBe(1_000_000n - 3n * BATCH_PRICE)

    // The refund claimed the vouchers, so the SDK's claimAndSettle finds nothing to claim and, by its
    // design, does not settle either; its settle() sweeps the claimed 3000.
    expect(await server.claimAndSettle()).toEqual({ claims: [], settle: undefined })
    expect(await devnet.usdcBalance(payTo)).toBe(0n)
    expect(await server.settle()).toEqual({ transaction: expect.stringMatching(HASH) })
    expect(await devnet.usdcBalance(payTo)).toBe(3n * BATCH_PRICE)
  }, 60_000)

  test('the command-line client continues its channel from its file storage across runs', async () => {
    const payer = await devnet.fundedAccount({ usdc: 1_000_000n })
    const { server, environment } = await freshServer()
    const stateDir = await mkdtemp(join(tmpdir(), 'x402-batch-cli-'))
    directories.push(stateDir)
    const cli = async (...flags: string[]): Promise<ClientOutcome> => {
      const { stdout } = await run(process.execPath, [SDK_BATCH_CLIENT_CLI, ...flags, server.resourceUrl], {
        env: { ...process.env, ...environment, X402_PRIVATE_KEY: payer.privateKey },
        timeout: 30_000,
      })
      return JSON.parse(stdout.trim().split('\n').at(-1)!) as ClientOutcome
    }
    const since = facilitator.log.mark()
    const first = await cli('--state-dir', stateDir, '--deposit', '5000')
    const second = await cli('--state-dir', stateDir)
    expect(first).toMatchObject({
      success: true,
      status: 200,
      body: WEATHER,
      paymentResponse: { transaction: expect.stringMatching(HASH), amount: '5000' },
    })
    expect(second).toMatchObject({
      success: true,
      status: 200,
      body: WEATHER,
      paymentResponse: {
        transaction: '',
        amount: '',
        extra: { chargedAmount: '1000', channelState: { chargedCumulativeAmount: '2000' } },
      },
    })
    // One deposit only: the second run signed a voucher from its stored record.
    const deposits = facilitator.log
      .calls({ since, endpoint: 'settle' })
      .filter((call) => payloadType(call) === 'deposit')
    expect(deposits).toHaveLength(1)
    expect(await devnet.usdcBalance(payer.address)).toBe(1_000_000n - 5000n)
    // The record the runs share (a cold start would have reached 2000 too, through a corrective 402).
    const channelId = (
      deposits[0]!.request as { paymentPayload: { payload: { voucher: { channelId: string } } } }
    ).paymentPayload.payload.voucher.channelId
    const record = JSON.parse(
      await readFile(join(stateDir, 'client', `${channelId.toLowerCase()}.json`), 'utf8'),
    )
    expect(record).toMatchObject({ chargedCumulativeAmount: '2000', balance: '5000' })

    // Without --state-dir: the default directory of this devnet and payer, empty so far, so the SDK
    // recovers from the chain (totalClaimed 0), is corrected by the server and pays 3000 cumulatively.
    const defaultDir = await defaultStateDir(
      { rpcUrl: devnet.rpcUrl, chainId: devnet.preset.chainId },
      payer.privateKey,
    )
    directories.push(dirname(defaultDir)) // the directory of this devnet: nothing else uses it
    expect(defaultDir.startsWith(join(tmpdir(), 'x402-conformance-batch-client'))).toBe(true)
    const cold = await cli()
    expect(cold).toMatchObject({
      success: true,
      status: 200,
      paymentResponse: { transaction: '', extra: { channelState: { chargedCumulativeAmount: '3000' } } },
    })
    const coldRecord = JSON.parse(
      await readFile(join(defaultDir, 'client', `${channelId.toLowerCase()}.json`), 'utf8'),
    )
    expect(coldRecord).toMatchObject({ chargedCumulativeAmount: '3000' })
  }, 90_000)

  test('as in-process targets: the server spec serves the paid resource, the client spec keeps a channel per payer', async () => {
    const payer = await devnet.fundedAccount({ usdc: 1_000_000n })
    const payTo = privateKeyToAccount(generatePrivateKey()).address
    const environment: Record<string, string> = {
      ...targetEnvironment(devnet, { facilitatorUrl: facilitator.url, payTo }),
    }
    const server = await sdkBatchServerTarget().create(environment)
    const client = await sdkBatchClientTarget().create(environment)
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/weather$/)
      const paying = { ...environment, X402_PRIVATE_KEY: payer.privateKey }
      const first = (await client.pay!(server.url!, paying)) as ClientOutcome
      const second = (await client.pay!(server.url!, paying)) as ClientOutcome
      expect(first).toMatchObject({ success: true, status: 200, paymentResponse: { amount: '10000' } })
      expect(second).toMatchObject({
        success: true,
        status: 200,
        paymentResponse: { transaction: '', extra: { channelState: { chargedCumulativeAmount: '2000' } } },
      })
    } finally {
      await client.stop()
      await server.stop()
    }
  }, 60_000)

  test('deviation pinned: after losing its channel records the SDK server takes its baseline from the voucher, not from totalClaimed', async () => {
    const payer = await devnet.fundedAccount({ usdc: 1_000_000n })
    const { server: first, environment } = await freshServer()
    const client = createSdkBatchClient(payer.privateKey, {
      rpcUrl: devnet.rpcUrl,
      chainId: devnet.preset.chainId,
    })
    for (let request = 0; request < 3; request++)
      expect((await client.pay(first.resourceUrl)).status).toBe(200)
    await first.claimAndSettle()
    const payTo = environment.X402_PAY_TO as Hex
    expect(await devnet.usdcBalance(payTo)).toBe(3n * BATCH_PRICE)

    // A restarted server (same payTo, empty storage). Spec "Recovery After State Loss": the baseline is
    // on-chain totalClaimed (3000), so the next voucher must be 4000. This one is 3001.
    const restarted = await startSdkBatchServerV2({ ...environment })
    servers.push(restarted)
    const probe = await fetch(restarted.resourceUrl)
    const accepted = (decode(probe.headers.get('PAYMENT-REQUIRED')) as { accepts: PaymentRequirements[] })
      .accepts[0]!
    const channelConfig = client.scheme.buildChannelConfig(accepted)
    const channelId = computeChannelId(channelConfig, accepted.network)
    expect(await channel(channelId)).toEqual([10n * BATCH_PRICE, 3n * BATCH_PRICE])
    const voucher = await signVoucher(payer.account, channelId, '3001', accepted.network)
    const paymentPayload = { x402Version: 2, accepted, payload: { type: 'voucher', channelConfig, voucher } }
    const paid = await fetch(restarted.resourceUrl, {
      headers: { 'PAYMENT-SIGNATURE': Buffer.from(JSON.stringify(paymentPayload)).toString('base64') },
    })
    // Seen: served, "charged" 1000, cumulative 3001, i.e. the resource for 1 atomic unit.
    expect(paid.status).toBe(200)
    expect(decode(paid.headers.get('PAYMENT-RESPONSE'))).toMatchObject({
      success: true,
      extra: {
        chargedAmount: '1000',
        channelState: { totalClaimed: '3000', chargedCumulativeAmount: '3001' },
      },
    })
    expect(await restarted.claimAndSettle()).toMatchObject({ claims: [{ vouchers: 1 }] })
    expect(await devnet.usdcBalance(payTo)).toBe(3n * BATCH_PRICE + 1n)
  }, 60_000)
})
