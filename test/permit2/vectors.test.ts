/**
 * The scheme modules reproduce @x402/evm 2.27 byte for byte (vectors from scripts/permit2-vectors.ts,
 * made by the real package): the signed payload, the EIP-712 digest, the settle calldata; and the
 * payload readers name every bad field.
 */
import { readFileSync } from 'node:fs'
import type { Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { describe, expect, test } from 'vitest'
import {
  buildExactPermit2Payment,
  encodeExactPermit2Settle,
  exactPermit2TypedData,
  permit2Digest,
  readExactPermit2Payload,
} from '../../harness/schemes/exact-permit2-evm/index.ts'
import {
  buildUptoPayment,
  encodeUptoSettle,
  readUptoPayload,
  uptoTypedData,
} from '../../harness/schemes/upto-evm/index.ts'
import { WireError } from '../../harness/wire/errors.ts'
import type { PaymentRequirementsV2 } from '../../harness/wire/types.ts'

interface Vector {
  name: string
  scheme: 'exact' | 'upto'
  payerPrivateKey: Hex
  requirements: PaymentRequirementsV2
  payload: { payload: { signature: Hex; permit2Authorization: { nonce: string; deadline: string } } }
  digest: Hex
  settles: { amount: string; to: string; calldata: Hex }[]
}

const { vectors } = JSON.parse(readFileSync(new URL('./vectors/sdk-2.27.json', import.meta.url), 'utf8')) as {
  vectors: Vector[]
}

describe.each(vectors)('$name', (vector) => {
  const wire = vector.payload.payload
  const chainId = Number(vector.requirements.network.split(':')[1])

  test('our builder signs the same payload', async () => {
    const options = {
      requirements: vector.requirements,
      payer: privateKeyToAccount(vector.payerPrivateKey),
      now: BigInt(wire.permit2Authorization.deadline) - BigInt(vector.requirements.maxTimeoutSeconds),
      authorization: { nonce: BigInt(wire.permit2Authorization.nonce) },
    }
    const built =
      vector.scheme === 'exact' ? await buildExactPermit2Payment(options) : await buildUptoPayment(options)
    expect(built.payload.payload).toEqual(wire)
    expect(built.payload.accepted).toEqual(vector.requirements)
    expect(permit2Digest(built.typedData)).toBe(vector.digest)
  })

  test('our reader and calldata give the SDK facilitator’s settle call', () => {
    for (const settle of vector.settles) {
      if (vector.scheme === 'exact') {
        const { authorization, signature } = readExactPermit2Payload(wire)
        expect(permit2Digest(exactPermit2TypedData(authorization, chainId))).toBe(vector.digest)
        expect(encodeExactPermit2Settle(authorization, signature)).toBe(settle.calldata)
        expect(settle.to).toBe('0x402085c248EeA27D92E8b30b2C58ed07f9E20001')
      } else {
        const { authorization, signature } = readUptoPayload(wire)
        expect(permit2Digest(uptoTypedData(authorization, chainId))).toBe(vector.digest)
        expect(encodeUptoSettle(authorization, BigInt(settle.amount), signature)).toBe(settle.calldata)
        expect(settle.to).toBe('0x4020A4f3b7b90ccA423B9fabCc0CE57C6C240002')
      }
    }
  })
})

describe('payload readers', () => {
  const [exact] = vectors.filter((v) => v.scheme === 'exact')
  const [upto] = vectors.filter((v) => v.scheme === 'upto')
  const issuesOf = (read: () => unknown): string[] => {
    try {
      read()
    } catch (error) {
      if (error instanceof WireError) return error.issues.map((i) => `${i.path} ${i.code}`)
      throw error
    }
    return []
  }

  test('name the bad fields by path', () => {
    const bad = structuredClone(exact!.payload.payload) as unknown as Record<string, Record<string, unknown>>
    bad.permit2Authorization!.deadline = '-1'
    ;(bad.permit2Authorization!.witness as Record<string, unknown>).to = 'nobody'
    delete bad.permit2Authorization!.spender
    expect(issuesOf(() => readExactPermit2Payload(bad)).sort()).toEqual([
      'payload.permit2Authorization.deadline format',
      'payload.permit2Authorization.spender missing',
      'payload.permit2Authorization.witness.to format',
    ])
  })

  test('upto requires the witness facilitator; exact ignores extra witness fields', () => {
    const noFacilitator = structuredClone(upto!.payload.payload) as unknown as {
      permit2Authorization: { witness: Record<string, unknown> }
    }
    delete noFacilitator.permit2Authorization.witness.facilitator
    expect(issuesOf(() => readUptoPayload(noFacilitator))).toEqual([
      'payload.permit2Authorization.witness.facilitator missing',
    ])
    expect(issuesOf(() => readExactPermit2Payload(upto!.payload.payload))).toEqual([])
  })

  test('a hex nonce (as scheme_upto_evm.md writes it) reads as the same number', () => {
    const hexNonce = structuredClone(upto!.payload.payload)
    hexNonce.permit2Authorization.nonce = `0x${BigInt(hexNonce.permit2Authorization.nonce).toString(16)}`
    expect(readUptoPayload(hexNonce).authorization.nonce).toBe(
      BigInt(upto!.payload.payload.permit2Authorization.nonce),
    )
  })
})
