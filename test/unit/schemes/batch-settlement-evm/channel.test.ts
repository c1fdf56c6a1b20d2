/**
 * Channel config, id and typed data of batch-settlement against @x402/evm: the domain, the EIP-712
 * types in the SDK's field order, the channel ids and the refund digest the SDK computes, and the wire
 * readers of configs, vouchers and snapshots.
 */
import { hashTypedData } from 'viem'
import { describe, expect, it } from 'vitest'
import {
  BATCH_SETTLEMENT_ADDRESS,
  ERC3009_DEPOSIT_COLLECTOR_ADDRESS,
} from '../../../../harness/devnet/batch.ts'
import {
  BATCH_SCHEME,
  batchDomain,
  channelIdOf,
  claimBatchTypes,
  readChannelConfig,
  readChannelSnapshot,
  readVoucher,
  refundTypes,
  voucherTypes,
} from '../../../../harness/schemes/batch-settlement-evm/channel.ts'
import { sdk } from './sdk.ts'

describe('batch-settlement constants and typed data against @x402/evm', () => {
  it('scheme name, contract and collector addresses, domain', () => {
    expect(BATCH_SCHEME).toBe(sdk.scheme)
    expect(BATCH_SETTLEMENT_ADDRESS).toBe(sdk.addresses.batchSettlement)
    expect(ERC3009_DEPOSIT_COLLECTOR_ADDRESS).toBe(sdk.addresses.depositCollector)
    expect(batchDomain(sdk.chainId)).toEqual(sdk.domain)
  })

  it('Voucher, Refund and ClaimBatch types have the SDK fields in the SDK order', () => {
    expect(voucherTypes).toEqual(sdk.types.voucher)
    expect(refundTypes).toEqual(sdk.types.refund)
    expect(claimBatchTypes).toEqual(sdk.types.claimBatch)
  })

  it('the channel id of each config is the one computeChannelId gives', () => {
    for (const { config, channelId } of sdk.channels) expect(channelIdOf(config, sdk.chainId)).toBe(channelId)
  })

  it('a config differing in one field has another id (the comparison can fail)', () => {
    const { config, channelId } = sdk.channels[0]!
    expect(channelIdOf({ ...config, withdrawDelay: config.withdrawDelay + 1 }, sdk.chainId)).not.toBe(
      channelId,
    )
    expect(channelIdOf(config, sdk.chainId + 1)).not.toBe(channelId)
  })

  it('the refund digest under our domain and types is the SDK one', () => {
    const { message, hash } = sdk.refund
    const typed = {
      domain: batchDomain(sdk.chainId),
      types: refundTypes,
      primaryType: 'Refund',
      message: { channelId: message.channelId, nonce: BigInt(message.nonce), amount: BigInt(message.amount) },
    } as const
    expect(hashTypedData(typed)).toBe(hash)
  })
})

describe('wire readers', () => {
  const { config } = sdk.channels[1]!
  it('reads a config as the SDK sends it, withdrawDelay as a number or a decimal string', () => {
    expect(readChannelConfig(config)).toEqual(config)
    expect(readChannelConfig({ ...config, withdrawDelay: '900' })).toEqual(config)
  })

  it.each([
    ['a missing payer', { ...config, payer: undefined }],
    ['a short salt', { ...config, salt: '0xab' }],
    ['a negative delay', { ...config, withdrawDelay: -1 }],
    ['a delay beyond uint40', { ...config, withdrawDelay: 2 ** 40 }],
    ['not an object', 'config'],
  ])('refuses %s', (_name, value) => {
    expect(readChannelConfig(value)).toBeUndefined()
  })

  it('reads a voucher and refuses one above uint128 or without a signature', () => {
    const voucher = sdk.vouchers[1]!
    expect(readVoucher(voucher)).toEqual({
      ...voucher,
      maxClaimableAmount: BigInt(voucher.maxClaimableAmount),
      signer: undefined,
    })
    expect(readVoucher({ ...voucher, maxClaimableAmount: `${1n << 128n}` })).toBeUndefined()
    expect(readVoucher({ ...voucher, signature: '0x' })).toBeUndefined()
  })

  it('reads a snapshot, defaulting absent withdrawRequestedAt and refundNonce', () => {
    const channelId = sdk.channels[0]!.channelId
    expect(readChannelSnapshot({ channelId, balance: '5', totalClaimed: '1' })).toEqual({
      channelId,
      balance: '5',
      totalClaimed: '1',
      withdrawRequestedAt: 0,
      refundNonce: '0',
    })
    expect(readChannelSnapshot({ channelId, balance: 5, totalClaimed: '1' })).toBeUndefined()
  })
})
