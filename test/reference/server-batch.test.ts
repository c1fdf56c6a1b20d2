/**
 * The reference v2 server's batch-settlement side, end to end on a real devnet with the built-in
 * facilitator: it offers the scheme with the facilitator's receiver authorizer, takes a deposit and
 * cumulative vouchers, answers a stale or skipped voucher with the corrective 402, refunds only what
 * it has not charged, and its claim + settle pays payTo exactly what it charged.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type BatchPayer, batchPayer } from '../../harness/actors/batch-payer.ts'
import { targetEnvironment } from '../../harness/devnet/environment.ts'
import { type Devnet, startDevnet } from '../../harness/devnet/index.ts'
import { type RunningFacilitator, startFacilitator } from '../../harness/facilitator/index.ts'
import { type ListeningServer, startReferenceServer } from '../../harness/reference/server/index.ts'
import { decodeHeader, encodePaymentHeader } from '../../harness/wire/headers.ts'
import type { PaymentPayloadV2, PaymentRequiredV2, PaymentRequirementsV2 } from '../../harness/wire/types.ts'

/** The parts of a batch payment response the test reads. */
type BatchReceipt = Record<string, unknown> & { extra: Record<string, unknown> }

describe('reference server v2: batch-settlement', () => {
  let devnet: Devnet
  let facilitator: RunningFacilitator
  let server: ListeningServer
  let offer: PaymentRequirementsV2

  beforeAll(async () => {
    devnet = await startDevnet()
    facilitator = await startFacilitator({ devnet })
    server = await startReferenceServer(2, targetEnvironment(devnet, { facilitatorUrl: facilitator.url }))
    const challenge = await fetch(server.url)
    const required = decodeHeader(
      'PAYMENT-REQUIRED',
      challenge.headers.get('payment-required')!,
    ) as PaymentRequiredV2
    offer = required.accepts.find((item) => item.scheme === 'batch-settlement')!
  }, 30_000)
  afterAll(async () => {
    await server?.stop()
    await facilitator?.stop()
    await devnet?.stop()
  })

  const pay = async (payment: PaymentPayloadV2) => {
    const response = await fetch(server.url, {
      headers: { 'PAYMENT-SIGNATURE': encodePaymentHeader(payment).value },
    })
    const receipt = response.headers.get('payment-response')
    const required = response.headers.get('payment-required')
    return {
      status: response.status,
      body: await response.text(),
      receipt: receipt ? (decodeHeader('PAYMENT-RESPONSE', receipt) as unknown as BatchReceipt) : undefined,
      required: required ? (decodeHeader('PAYMENT-REQUIRED', required) as PaymentRequiredV2) : undefined,
    }
  }

  test('offers batch-settlement with the facilitator receiver authorizer', () => {
    expect(offer).toMatchObject({
      scheme: 'batch-settlement',
      amount: '1000',
      asset: devnet.usdc,
      extra: { receiverAuthorizer: facilitator.signer, withdrawDelay: 900, name: 'USDC', version: '2' },
    })
  })

  test('deposit, vouchers, corrective 402, refund, claim and settle', async () => {
    const account = await devnet.fundedAccount()
    const payer: BatchPayer = batchPayer(offer, account.account, devnet.preset.chainId)
    const payTo = offer.payTo as `0x${string}`
    const payToBefore = await devnet.usdcBalance(payTo)

    const deposit = await pay(await payer.deposit(10_000n, 1_000n, await devnet.now()))
    expect(deposit.status, deposit.body).toBe(200)
    expect(deposit.receipt).toMatchObject({
      success: true,
      transaction: expect.stringMatching(/^0x[0-9a-f]{64}$/),
      amount: '10000',
      extra: {
        chargedAmount: '1000',
        channelState: { channelId: payer.channelId, balance: '10000', chargedCumulativeAmount: '1000' },
      },
    })

    const second = await pay(await payer.voucher(2_000n))
    expect(second.status).toBe(200)
    expect(second.receipt).toMatchObject({
      success: true,
      transaction: '',
      amount: '',
      extra: { chargedAmount: '1000', channelState: { chargedCumulativeAmount: '2000' } },
    })

    const stale = await pay(await payer.voucher(2_000n))
    expect(stale.status).toBe(402)
    expect(stale.required?.error).toBe('invalid_batch_settlement_evm_cumulative_amount_mismatch')
    const corrective = stale.required?.accepts.find((item) => item.scheme === 'batch-settlement')
    expect(corrective?.extra).toMatchObject({
      channelState: { channelId: payer.channelId, chargedCumulativeAmount: '2000' },
      voucherState: { signedMaxClaimable: '2000' },
    })
    const skipped = await pay(await payer.voucher(4_000n))
    expect(skipped.status).toBe(402)

    const third = await pay(await payer.voucher(3_000n))
    expect(third.status).toBe(200)

    const refund = await pay(await payer.refund(3_000n, 2_000n))
    expect(refund.status, refund.body).toBe(200)
    expect(refund.receipt).toMatchObject({
      success: true,
      amount: '2000',
      extra: { channelState: { balance: '8000', totalClaimed: '3000' } },
    })
    expect(refund.receipt?.extra.chargedAmount).toBeUndefined()

    const after = await pay(await payer.voucher(4_000n))
    expect(after.status).toBe(200)

    const outcome = await server.claimAndSettle!()
    expect(outcome.claimedChannels).toBe(1)
    expect(outcome.settledAmount).toBe('4000')
    expect((await devnet.usdcBalance(payTo)) - payToBefore).toBe(4_000n)
    expect(await devnet.usdcBalance(account.address)).toBe(100_000_000n - 10_000n + 2_000n)
  }, 60_000)
})
