/**
 * The exact EVM scheme module against what the published @x402/evm produces (test/vectors/schemes/
 * exact-evm.json, written by scripts/scheme-vectors.ts): the EIP-712 types and, given the SDK's nonce
 * and instant, byte-identical payloads in both versions.
 */
import type { Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { transferWithAuthorizationTypes } from '../../../../harness/schemes/exact-evm/eip3009.ts'
import { buildExactPayment } from '../../../../harness/schemes/exact-evm/payment.ts'
import type { PaymentRequirements } from '../../../../harness/wire/types.ts'
import vectors from '../../../vectors/schemes/exact-evm.json' with { type: 'json' }

const payer = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d')

describe('exact EVM against @x402/evm', () => {
  it('the vectors are of the payer used here', () => {
    expect(vectors.payer).toBe(payer.address)
  })

  it('TransferWithAuthorization has the SDK fields in the SDK order', () => {
    expect(transferWithAuthorizationTypes.TransferWithAuthorization).toEqual(
      vectors.types.TransferWithAuthorization,
    )
  })

  for (const vector of vectors.payments) {
    it(`${vector.name}: the SDK payload is reproduced from its nonce and instant`, async () => {
      const ours = await buildExactPayment({
        requirements: vector.requirements as PaymentRequirements,
        x402Version: vector.x402Version as 1 | 2,
        payer,
        now: vectors.now,
        authorization: { nonce: vector.payload.authorization.nonce as Hex },
      })
      expect(ours.payload.payload).toEqual(vector.payload)
      // v2 is byte-identical; the v1 payload keeps the recorded v1 clients' key order (signature first).
      if (vector.x402Version === 2)
        expect(JSON.stringify(ours.payload.payload)).toBe(JSON.stringify(vector.payload))
    })
  }

  it('the comparison can fail: another nonce is another signature', async () => {
    const vector = vectors.payments[0]!
    const ours = await buildExactPayment({
      requirements: vector.requirements as PaymentRequirements,
      x402Version: 2,
      payer,
      now: vectors.now,
    })
    expect((ours.payload.payload as { signature: string }).signature).not.toBe(vector.payload.signature)
  })
})
