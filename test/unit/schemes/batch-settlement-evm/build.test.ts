/**
 * The batch-settlement payload builder against @x402/evm: given the SDK's salt and instant, our
 * vouchers and deposit payloads are the ones the SDK client signs (deterministic ECDSA: same typed
 * data, same signature), and the deposit authorization's nonce is keccak256(channelId, salt).
 */
import { type LocalAccount, recoverTypedDataAddress } from 'viem'
import { describe, expect, it } from 'vitest'
import {
  batchRequest,
  claimRowOf,
  depositPayload,
  openChannel,
  signVoucher,
  voucherPayload,
} from '../../../../harness/schemes/batch-settlement-evm/build.ts'
import { depositNonce, depositTypedData } from '../../../../harness/schemes/batch-settlement-evm/deposit.ts'
import { authorizer, payer, sdk } from './sdk.ts'

const signers: Record<string, LocalAccount> = { [payer.address]: payer, [authorizer.address]: authorizer }

/** Our channel of a vector config (the offer of the first deposit vector). */
const channelOf = (index: number) => {
  const { config } = sdk.channels[index]!
  return openChannel({
    offer: sdk.deposits[0]!.offer,
    payer,
    chainId: sdk.chainId,
    payerAuthorizer: config.payerAuthorizer,
    salt: config.salt,
  })
}

describe('vouchers', () => {
  it('openChannel makes the SDK config and channel id', () => {
    for (const index of [0, 1]) {
      expect(channelOf(index).config).toEqual(sdk.channels[index]!.config)
      expect(channelOf(index).channelId).toBe(sdk.channels[index]!.channelId)
    }
  })

  it('each SDK voucher is reproduced by signVoucher', async () => {
    for (const [index, vector] of sdk.vouchers.entries()) {
      const ours = await signVoucher(
        channelOf(index),
        BigInt(vector.maxClaimableAmount),
        signers[vector.signer],
      )
      expect(ours).toEqual({
        channelId: vector.channelId,
        maxClaimableAmount: vector.maxClaimableAmount,
        signature: vector.signature,
      })
    }
  })

  it('a voucher payload carries the wire config and the voucher', async () => {
    const { signer: _, ...voucher } = sdk.vouchers[0]!
    expect(await voucherPayload(channelOf(0), BigInt(voucher.maxClaimableAmount))).toEqual({
      type: 'voucher',
      channelConfig: sdk.channels[0]!.config,
      voucher,
    })
  })
})

describe('deposits', () => {
  for (const [index, vector] of sdk.deposits.entries()) {
    it(`deposit ${index}: the SDK payload is reproduced from its salt and instant`, async () => {
      const erc3009 = vector.payload.deposit.authorization.erc3009Authorization
      const voucherSigner = vector.config.payerAuthorizer === payer.address ? undefined : authorizer
      const ours = await depositPayload(
        channelOf(index),
        BigInt(vector.amount),
        BigInt(vector.maxClaimableAmount),
        BigInt(sdk.now),
        {
          salt: BigInt(erc3009.salt),
          ...(voucherSigner ? { voucherSigner } : {}),
        },
      )
      expect(ours).toEqual(vector.payload)
    })

    it(`deposit ${index}: the SDK's ReceiveWithAuthorization recovers to the payer under depositTypedData`, async () => {
      const erc3009 = vector.payload.deposit.authorization.erc3009Authorization
      const channelId = sdk.channels[index]!.channelId
      const typed = depositTypedData(vector.config, channelId, {
        name: vector.offer.extra.name,
        version: vector.offer.extra.version,
        chainId: sdk.chainId,
        asset: vector.offer.asset,
        amount: BigInt(vector.amount),
        validAfter: 0n,
        validBefore: BigInt(erc3009.validBefore),
        salt: BigInt(erc3009.salt),
      })
      const recover = (message: typeof typed.message) =>
        recoverTypedDataAddress({ ...typed, message: { ...message }, signature: erc3009.signature } as never)
      expect(await recover(typed.message)).toBe(payer.address)
      // Another salt is another nonce, so the signature no longer recovers to the payer.
      expect(
        await recover({ ...typed.message, nonce: depositNonce(channelId, BigInt(erc3009.salt) + 1n) }),
      ).not.toBe(payer.address)
    })
  }
})

describe('server-side bodies', () => {
  it('claimRowOf is the wire claim row; batchRequest the /verify body', () => {
    const { config } = sdk.channels[0]!
    expect(claimRowOf(config, 5000n, '0xab', 4000n)).toEqual({
      voucher: { channel: config, maxClaimableAmount: '5000' },
      signature: '0xab',
      totalClaimed: '4000',
    })
    const offer = sdk.deposits[0]!.offer
    expect(batchRequest(offer, { type: 'voucher' })).toEqual({
      x402Version: 2,
      paymentPayload: { x402Version: 2, accepted: offer, payload: { type: 'voucher' } },
      paymentRequirements: offer,
    })
  })
})
