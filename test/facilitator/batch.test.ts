/**
 * The built-in facilitator's `batch-settlement` support on a real devnet, with payloads built and signed
 * by the @x402/evm 2.27 client: deposit, voucher, refund (rules 1-11 and their error codes), claim over
 * many channels with one invalid row, settle, and the channel snapshot in every answer.
 */
import type { ChannelConfig } from '@x402/evm'
import {
  computeChannelId,
  createBatchSettlementEIP3009DepositPayload,
  signVoucher,
} from '@x402/evm/batch-settlement/client'
import { type Address, type Hex, zeroAddress } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { BATCH_SETTLEMENT_ADDRESS } from '../../harness/devnet/batch.ts'
import { type Devnet, startDevnet } from '../../harness/devnet/index.ts'
import type { DevnetAccount } from '../../harness/devnet/types.ts'
import { createFacilitator, type Facilitator } from '../../harness/facilitator/index.ts'
import { batchChannel } from '../devnet/batch-channel.ts'

const NETWORK = 'eip155:84532'

describe('built-in facilitator: batch-settlement', () => {
  let devnet: Devnet
  let facilitator: Facilitator
  beforeAll(async () => {
    devnet = await startDevnet({ preset: 'base-sepolia' })
    facilitator = createFacilitator({ devnet })
  })
  afterAll(async () => {
    await devnet?.stop()
  })

  /** A fresh payer, receiver and channel (receiver authorizer: the facilitator's signer). */
  async function channel(salt = 1) {
    const payer: DevnetAccount = await devnet.fundedAccount({ usdc: 1_000_000n })
    const receiver = privateKeyToAccount(generatePrivateKey()).address
    const { requirements, config, channelId } = batchChannel(devnet, NETWORK, {
      payer: payer.address,
      receiver,
      receiverAuthorizer: facilitator.signer,
      salt,
    })
    const request = (payload: unknown) => ({
      x402Version: 2,
      paymentPayload: { x402Version: 2, accepted: requirements, payload },
      paymentRequirements: requirements,
    })
    const voucher = (cumulative: bigint, signer = payer.account) =>
      signVoucher(signer, channelId, cumulative.toString(), NETWORK)
    const deposit = async (amount: bigint, first: bigint) => {
      const built = await createBatchSettlementEIP3009DepositPayload(
        payer.account,
        2,
        requirements,
        config,
        amount.toString(),
        first.toString(),
      )
      const settled = await facilitator.settle(request(built.payload))
      expect(settled).toMatchObject({ success: true, amount: amount.toString() })
      return settled
    }
    return { payer, receiver, requirements, config, channelId, request, voucher, deposit }
  }

  const claimRow = (
    config: ChannelConfig,
    voucher: { signature: string; maxClaimableAmount: string },
    total: bigint,
  ) => ({
    voucher: { channel: config, maxClaimableAmount: voucher.maxClaimableAmount },
    signature: voucher.signature,
    totalClaimed: total.toString(),
  })

  test('deposit: verify gives the snapshot before, settle moves the deposit and reports it', async () => {
    const c = await channel()
    const built = await createBatchSettlementEIP3009DepositPayload(
      c.payer.account,
      2,
      c.requirements,
      c.config,
      '50000',
      '1000',
    )
    const verified = await facilitator.verify(c.request(built.payload))
    expect(verified).toEqual({
      isValid: true,
      payer: c.payer.address,
      extra: {
        channelId: c.channelId,
        balance: '0',
        totalClaimed: '0',
        withdrawRequestedAt: 0,
        refundNonce: '0',
      },
    })
    const settled = await facilitator.settle(c.request(built.payload))
    expect(settled).toMatchObject({
      success: true,
      transaction: expect.stringMatching(/^0x[0-9a-f]{64}$/),
      amount: '50000',
      extra: {
        channelState: { channelId: c.channelId, balance: '50000', totalClaimed: '0', refundNonce: '0' },
      },
    })
    expect(await devnet.usdcBalance(c.payer.address)).toBe(950_000n)
  })

  test('voucher: valid accepted with snapshot; wrong signer, above balance, below claimed refused', async () => {
    const c = await channel()
    await c.deposit(10_000n, 1_000n)
    const good = await c.voucher(2_000n)
    const ok = await facilitator.verify(
      c.request({ type: 'voucher', channelConfig: c.config, voucher: good }),
    )
    expect(ok).toMatchObject({
      isValid: true,
      extra: {
        channelId: c.channelId,
        balance: '10000',
        totalClaimed: '0',
        withdrawRequestedAt: 0,
        refundNonce: '0',
      },
    })
    const settled = await facilitator.settle(
      c.request({ type: 'voucher', channelConfig: c.config, voucher: good }),
    )
    expect(settled).toMatchObject({
      success: true,
      transaction: '',
      amount: '',
      extra: { chargedAmount: '1000' },
    })
    expect((settled as { extra?: { channelState?: unknown } }).extra?.channelState).toMatchObject({
      balance: '10000',
    })

    const stranger = privateKeyToAccount(generatePrivateKey())
    const forged = await c.voucher(2_000n, stranger)
    expect(
      await facilitator.verify(c.request({ type: 'voucher', channelConfig: c.config, voucher: forged })),
    ).toMatchObject({
      isValid: false,
      invalidReason: 'invalid_batch_settlement_evm_voucher_signature',
      extra: { channelId: c.channelId, balance: '10000' },
    })
    const above = await c.voucher(10_001n)
    expect(
      await facilitator.verify(c.request({ type: 'voucher', channelConfig: c.config, voucher: above })),
    ).toMatchObject({
      isValid: false,
      invalidReason: 'invalid_batch_settlement_evm_cumulative_exceeds_balance',
    })
    // Claim 2_000, then a voucher of 2_000 (not above what is claimed) is refused.
    const claimed = await facilitator.settle(
      c.request({ type: 'claim', claims: [claimRow(c.config, good, 2_000n)] }),
    )
    expect(claimed).toMatchObject({
      success: true,
      amount: '',
      extra: { channelState: { totalClaimed: '2000' } },
    })
    expect(
      await facilitator.verify(c.request({ type: 'voucher', channelConfig: c.config, voucher: good })),
    ).toMatchObject({
      isValid: false,
      invalidReason: 'invalid_batch_settlement_evm_cumulative_below_claimed',
      extra: { totalClaimed: '2000' },
    })
    // A payer-authorizer channel that is wrong in its config: receiver differs from payTo.
    const wrongReceiver = { ...c.config, receiver: zeroAddress as Address }
    expect(
      await facilitator.verify(c.request({ type: 'voucher', channelConfig: wrongReceiver, voucher: good })),
    ).toMatchObject({
      isValid: false,
      invalidReason: 'invalid_batch_settlement_evm_channel_id_mismatch',
    })
  })

  test('claim over three channels with one invalid row moves nothing; the valid batch claims each once; settle sweeps it', async () => {
    const a = await channel(11)
    const b = { ...(await channel(12)) }
    // b pays the same receiver as a, so one settle sweeps both.
    const shared = { ...b.config, receiver: a.receiver }
    const bId = computeChannelId(shared, NETWORK) as Hex
    const bRequest = { ...a, config: shared, channelId: bId }
    const depositB = await createBatchSettlementEIP3009DepositPayload(
      b.payer.account,
      2,
      a.requirements,
      shared,
      '5000',
      '1000',
    )
    expect(await facilitator.settle(a.request(depositB.payload))).toMatchObject({ success: true })
    await a.deposit(5_000n, 1_000n)
    const va = await a.voucher(3_000n)
    const vb = await signVoucher(b.payer.account, bRequest.channelId, '2000', NETWORK)
    const bad = claimRow(shared, vb, 2_500n) // above its voucher's ceiling
    const refused = await facilitator.settle(
      a.request({ type: 'claim', claims: [claimRow(a.config, va, 3_000n), bad] }),
    )
    expect(refused).toMatchObject({
      success: false,
      errorReason: expect.stringMatching(/^invalid_batch_settlement_evm_/),
    })
    const rows = [claimRow(a.config, va, 3_000n), claimRow(shared, vb, 2_000n)]
    expect(await facilitator.settle(a.request({ type: 'claim', claims: rows }))).toMatchObject({
      success: true,
      amount: '',
    })
    // The same batch again claims nothing more.
    expect(await facilitator.settle(a.request({ type: 'claim', claims: rows }))).toMatchObject({
      success: true,
    })
    const settled = await facilitator.settle(
      a.request({ type: 'settle', receiver: a.receiver, token: devnet.usdc }),
    )
    expect(settled).toMatchObject({ success: true, amount: '5000' })
    expect(await devnet.usdcBalance(a.receiver)).toBe(5_000n)
    const nothing = await facilitator.settle(
      a.request({ type: 'settle', receiver: a.receiver, token: devnet.usdc }),
    )
    expect(nothing).toMatchObject({
      success: false,
      errorReason: 'invalid_batch_settlement_evm_nothing_to_settle',
      amount: '0',
    })
  })

  test('refund: pays back only unclaimed funds, reports the amount, refuses a stale nonce', async () => {
    const c = await channel(21)
    await c.deposit(10_000n, 1_000n)
    const v = await c.voucher(4_000n)
    await facilitator.settle(c.request({ type: 'claim', claims: [claimRow(c.config, v, 4_000n)] }))
    const refund = {
      type: 'refund',
      channelConfig: c.config,
      voucher: v,
      amount: '100000',
      refundNonce: '0',
      claims: [],
    }
    const verified = await facilitator.verify(c.request(refund))
    expect(verified).toMatchObject({ isValid: true, extra: { totalClaimed: '4000', refundNonce: '0' } })
    const before = await devnet.usdcBalance(c.payer.address)
    const settled = await facilitator.settle(c.request(refund))
    expect(settled).toMatchObject({
      success: true,
      amount: '6000',
      extra: { channelState: { balance: '4000', totalClaimed: '4000', refundNonce: '1' } },
    })
    expect(await devnet.usdcBalance(c.payer.address)).toBe(before + 6_000n)
    expect(await devnet.usdcBalance(BATCH_SETTLEMENT_ADDRESS)).toBeGreaterThanOrEqual(4_000n)
    const stale = await facilitator.settle(c.request({ ...refund, amount: '1' }))
    expect(stale).toMatchObject({
      success: false,
      errorReason: 'invalid_batch_settlement_evm_refund_payload',
    })
  })

  test('the exact scheme is untouched: a batch body with the wrong network is refused with a batch code', async () => {
    const c = await channel(31)
    const v = await c.voucher(1_000n)
    const body = c.request({ type: 'voucher', channelConfig: c.config, voucher: v })
    body.paymentRequirements = { ...c.requirements, network: 'eip155:1' }
    expect(await facilitator.verify(body)).toMatchObject({
      isValid: false,
      invalidReason: 'invalid_batch_settlement_evm_network_mismatch',
    })
  })
})
