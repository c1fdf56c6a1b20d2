/**
 * The one batch-settlement payload reader (readBatchPayload) and the server's view of it
 * (readBatchPayment): the SDK's own deposit payloads read back to what was signed, and each malformed
 * part answers the scheme's error code for it.
 */
import { describe, expect, it } from 'vitest'
import { readBatchPayload } from '../../../../harness/schemes/batch-settlement-evm/payload.ts'
import { readBatchPayment } from '../../../../harness/schemes/batch-settlement-evm/payment.ts'
import { BatchReason } from '../../../../harness/schemes/batch-settlement-evm/reasons.ts'
import { sdk } from './sdk.ts'

const deposit = sdk.deposits[1]!.payload
const erc3009 = deposit.deposit.authorization.erc3009Authorization
const { signer: _, ...voucher } = sdk.vouchers[0]!
const config = sdk.channels[0]!.config
const claim = {
  voucher: { channel: config, maxClaimableAmount: '5000' },
  signature: '0xab',
  totalClaimed: '4000',
}

describe('readBatchPayload', () => {
  it('reads an SDK deposit payload to the values that were signed', () => {
    expect(readBatchPayload(deposit, false)).toEqual({
      type: 'deposit',
      channelConfig: sdk.deposits[1]!.config,
      voucher: {
        ...(deposit.voucher as object),
        maxClaimableAmount: BigInt(sdk.deposits[1]!.maxClaimableAmount),
      },
      deposit: {
        amount: BigInt(sdk.deposits[1]!.amount),
        authorization: {
          validAfter: 0n,
          validBefore: BigInt(erc3009.validBefore),
          salt: BigInt(erc3009.salt),
          signature: erc3009.signature,
        },
      },
    })
  })

  it('reads voucher, refund, claim and settle payloads', () => {
    expect(readBatchPayload({ type: 'voucher', channelConfig: config, voucher }, false)).toMatchObject({
      type: 'voucher',
    })
    expect(
      readBatchPayload(
        { type: 'refund', channelConfig: config, voucher, amount: '7', refundNonce: '1', claims: [claim] },
        false,
      ),
    ).toMatchObject({ type: 'refund', amount: 7n, refundNonce: 1n, claims: [{ totalClaimed: 4000n }] })
    expect(readBatchPayload({ type: 'claim', claims: [claim] }, true)).toMatchObject({ type: 'claim' })
    expect(
      readBatchPayload({ type: 'settle', receiver: config.receiver, token: config.token }, true),
    ).toMatchObject({
      type: 'settle',
    })
  })

  it.each([
    ['a voucher without a config', { type: 'voucher', voucher }, false, BatchReason.voucherPayload],
    [
      'a deposit of zero',
      { ...deposit, deposit: { ...deposit.deposit, amount: '0' } },
      false,
      BatchReason.depositPayload,
    ],
    [
      'a deposit without an ERC-3009 authorization',
      { ...deposit, deposit: { amount: '5', authorization: {} } },
      false,
      BatchReason.erc3009Required,
    ],
    [
      'a refund with a malformed amount',
      { type: 'refund', channelConfig: config, voucher, amount: '-1' },
      false,
      BatchReason.refundPayload,
    ],
    ['a claim on /verify', { type: 'claim', claims: [claim] }, false, BatchReason.payloadType],
    ['an empty claim', { type: 'claim', claims: [] }, true, BatchReason.claimPayload],
    [
      'a claim row above uint128',
      { type: 'claim', claims: [{ ...claim, totalClaimed: `${1n << 128n}` }] },
      true,
      BatchReason.claimPayload,
    ],
    [
      'a settle without a token',
      { type: 'settle', receiver: config.receiver },
      true,
      BatchReason.settlePayload,
    ],
    ['an unknown type on /verify', { type: 'topup' }, false, BatchReason.payloadType],
    ['an unknown action on /settle', { type: 'topup' }, true, BatchReason.unknownSettleAction],
  ])('%s answers its code', (_name, raw, forSettle, reason) => {
    expect(readBatchPayload(raw as Record<string, unknown>, forSettle)).toEqual({ reason })
  })
})

describe('readBatchPayment (what the server acts on)', () => {
  it('reads the SDK deposit: config, voucher and deposit amount', () => {
    expect(readBatchPayment(deposit)).toEqual({
      ok: true,
      payment: {
        type: 'deposit',
        config: sdk.deposits[1]!.config,
        voucher: {
          ...(deposit.voucher as object),
          maxClaimableAmount: BigInt(sdk.deposits[1]!.maxClaimableAmount),
        },
        depositAmount: BigInt(sdk.deposits[1]!.amount),
      },
    })
  })

  it.each([
    ['not an object', 'deposit', 'payload is not an object'],
    [
      'a malformed config',
      { type: 'voucher', channelConfig: {}, voucher },
      'payload.channelConfig is malformed',
    ],
    [
      'a malformed voucher',
      { type: 'voucher', channelConfig: config, voucher: {} },
      'payload.voucher is malformed',
    ],
    [
      'a refund amount that is not a uint',
      { type: 'refund', channelConfig: config, voucher, amount: 'x' },
      'payload.amount is malformed',
    ],
  ])('says which part is malformed: %s', (_name, payload, error) => {
    expect(readBatchPayment(payload)).toEqual({ ok: false, error })
  })
})
