/**
 * The exact payment builder: honest payments are byte-identical to what the reference clients send, and
 * every override produces the hostile payment it names.
 */
import { PaymentPayloadV1Schema, PaymentPayloadV2Schema } from '@x402/core/schemas'
import { ExactEvmScheme } from '@x402/evm/exact/client'
import { ExactEvmSchemeV1 } from '@x402/evm/v1'
import type { Address, Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  authorizationTypedData,
  verifyAuthorizationSignature,
} from '../../../../harness/schemes/exact-evm/eip3009.ts'
import {
  buildExactPayment,
  exactDomain,
  exactPayloadTypedData,
  requiredAmount,
  requirementsVersion,
} from '../../../../harness/schemes/exact-evm/payment.ts'
import {
  checkPaymentPayload,
  encodePaymentHeader,
  type PaymentRequirementsV1,
  type PaymentRequirementsV2,
  WireError,
} from '../../../../harness/wire/index.ts'
import type { ExactEvmPayload } from '../../../../harness/wire/types.ts'
import { copy, VECTOR_PAYER_KEY, v1, v2 } from '../../wire/vectors.ts'

const payer = privateKeyToAccount(VECTOR_PAYER_KEY)
const stranger = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d')
const requirementsV2 = (): PaymentRequirementsV2 => copy(v2.paymentRequired.accepts[0]!)
const requirementsV1 = (): PaymentRequirementsV1 => copy(v1.paymentRequired.accepts[0]!)
const exact = (payload: { payload: unknown }): ExactEvmPayload => payload.payload as ExactEvmPayload

afterEach(() => {
  vi.useRealTimers()
})

/** The SDK's payload made at `instant` (a faked clock), and ours made then with the same nonce. */
async function besideSdk<Requirements extends PaymentRequirementsV1 | PaymentRequirementsV2>(
  instant: string,
  requirements: Requirements,
  sdk: (requirements: Requirements) => Promise<{ payload: unknown }>,
) {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date(instant))
  const sdkPayload = (await sdk(copy(requirements))).payload as ExactEvmPayload
  const ours = await buildExactPayment({
    requirements,
    payer,
    now: Math.floor(Date.now() / 1000),
    authorization: { nonce: sdkPayload.authorization.nonce as Hex },
  })
  return { sdkPayload, ours }
}

describe('honest payments match the reference clients byte for byte', () => {
  it('v2: the recorded PAYMENT-SIGNATURE header is reproduced from its nonce and time', async () => {
    const recorded = exact(v2.paymentSignature).authorization
    const payment = await buildExactPayment({
      requirements: requirementsV2(),
      payer,
      now: BigInt(recorded.validBefore) - 300n,
      resource: v2.paymentRequired.resource,
      authorization: { nonce: recorded.nonce as Hex },
    })
    expect(encodePaymentHeader(payment.payload)).toEqual({
      name: 'PAYMENT-SIGNATURE',
      value: v2.paymentSignatureHeader,
    })
  })

  it('v1: the recorded X-PAYMENT header is reproduced from its nonce and time', async () => {
    const recorded = exact(v1.xPayment).authorization
    const payment = await buildExactPayment({
      requirements: requirementsV1(),
      payer,
      now: BigInt(recorded.validBefore) - 60n,
      authorization: { nonce: recorded.nonce as Hex },
    })
    expect(encodePaymentHeader(payment.payload)).toEqual({ name: 'X-PAYMENT', value: v1.xPaymentHeader })
  })

  it('v2: the same as @x402/evm ExactEvmScheme produces at the same instant with the same nonce', async () => {
    const { sdkPayload, ours } = await besideSdk('2026-11-21T07:24:36Z', requirementsV2(), (requirements) =>
      new ExactEvmScheme(payer).createPaymentPayload(2, requirements as never),
    )
    expect(JSON.stringify(ours.payload.payload)).toBe(JSON.stringify(sdkPayload))
  })

  it('v1: the same as @x402/evm ExactEvmSchemeV1 produces at the same instant with the same nonce', async () => {
    const { sdkPayload, ours } = await besideSdk('2026-11-21T07:24:37Z', requirementsV1(), (requirements) =>
      new ExactEvmSchemeV1(payer).createPaymentPayload(1, requirements as never),
    )
    // The SDK sends authorization before signature in v1; x402-fetch 1.2 (the vector) sends signature first.
    expect(ours.payload.payload).toEqual(sdkPayload)
  })
})

describe('defaults', () => {
  it('v1 backdates validAfter by 600 s; v2 sends 0; validBefore is now + maxTimeoutSeconds', async () => {
    const now = 1_800_000_000n
    const p1 = await buildExactPayment({ requirements: requirementsV1(), payer, now })
    const p2 = await buildExactPayment({ requirements: requirementsV2(), payer, now })
    expect(exact(p1.payload).authorization).toMatchObject({
      validAfter: '1799999400',
      validBefore: '1800000060',
      value: '1000',
    })
    expect(exact(p2.payload).authorization).toMatchObject({
      validAfter: '0',
      validBefore: '1800000300',
      value: '1000',
    })
    expect(exact(p2.payload).authorization.from).toBe(payer.address)
    expect(exact(p2.payload).authorization.to).toBe(v2.paymentRequired.accepts[0]!.payTo)
  })

  it('every build has a fresh nonce; now defaults to the wall clock', async () => {
    const before = Math.floor(Date.now() / 1000)
    const a = await buildExactPayment({ requirements: requirementsV2(), payer })
    const b = await buildExactPayment({ requirements: requirementsV2(), payer })
    expect(exact(a.payload).authorization.nonce).not.toBe(exact(b.payload).authorization.nonce)
    const validBefore = Number(exact(a.payload).authorization.validBefore)
    expect(validBefore - 300).toBeGreaterThanOrEqual(before)
    expect(validBefore - 300).toBeLessThanOrEqual(Math.floor(Date.now() / 1000))
  })

  it('an honest payment validates (ours and the SDK schema) and its signature verifies under the token domain', async () => {
    for (const requirements of [requirementsV1(), requirementsV2()]) {
      const payment = await buildExactPayment({ requirements, payer })
      expect(checkPaymentPayload(payment.payload)).toEqual({ ok: true, value: payment.payload })
      const sdkSchema = payment.payload.x402Version === 1 ? PaymentPayloadV1Schema : PaymentPayloadV2Schema
      expect(sdkSchema.safeParse(payment.payload).success).toBe(true)
      const typedData = exactPayloadTypedData(exact(payment.payload), exactDomain(requirements))
      expect(await verifyAuthorizationSignature(typedData, payment.signature)).toEqual({
        valid: true,
        signer: payer.address,
      })
      expect(payment.typedData).toEqual(typedData)
    }
  })

  it('the v2 payload carries a copy of the requirements as accepted, and resource/extensions when given', async () => {
    const requirements = requirementsV2()
    const extensions = { bazaar: { info: { a: 1 } } }
    const payment = await buildExactPayment({
      requirements,
      payer,
      resource: v2.paymentRequired.resource,
      extensions,
    })
    expect(payment.payload.accepted).toEqual(requirements)
    expect(payment.payload.accepted).not.toBe(requirements)
    expect(payment.payload.resource).toEqual(v2.paymentRequired.resource)
    expect(payment.payload.extensions).toEqual(extensions)
    expect(Object.keys(payment.payload)).toEqual([
      'x402Version',
      'payload',
      'resource',
      'accepted',
      'extensions',
    ])
    const bare = await buildExactPayment({ requirements, payer })
    expect(Object.keys(bare.payload)).toEqual(['x402Version', 'payload', 'accepted'])
  })

  it('the evidence is JSON-safe and describes what was signed', async () => {
    const payment = await buildExactPayment({ requirements: requirementsV2(), payer, now: 1_800_000_000 })
    expect(JSON.parse(JSON.stringify(payment.evidence))).toEqual(payment.evidence)
    expect(payment.evidence).toMatchObject({
      kind: 'typed-data',
      signer: payer.address,
      primaryType: 'TransferWithAuthorization',
      domain: {
        name: 'USDC',
        version: '2',
        chainId: 84532,
        verifyingContract: v2.paymentRequired.accepts[0]!.asset,
      },
      message: exact(payment.payload).authorization,
      signature: payment.signature,
    })
  })
})

describe('hostile payments', () => {
  const tokenDomain = exactDomain(requirementsV2())

  async function verifiesUnderToken(payload: ExactEvmPayload): Promise<boolean> {
    return (
      await verifyAuthorizationSignature(
        exactPayloadTypedData(payload, tokenDomain),
        payload.signature as Hex,
      )
    ).valid
  }

  it('underpayment: a correctly signed authorization for less', async () => {
    const payment = await buildExactPayment({
      requirements: requirementsV2(),
      payer,
      authorization: { value: 999n },
    })
    expect(exact(payment.payload).authorization.value).toBe('999')
    expect(await verifiesUnderToken(exact(payment.payload))).toBe(true)
  })

  it('expired, not yet valid, wrong payTo, reused nonce: each field override is signed as given', async () => {
    const nonce = `0x${'11'.repeat(32)}` as Hex
    const to = stranger.address
    const payment = await buildExactPayment({
      requirements: requirementsV2(),
      payer,
      now: 1_800_000_000n,
      authorization: { validAfter: 1_800_000_100n, validBefore: 1_799_999_999n, to, nonce },
    })
    expect(exact(payment.payload).authorization).toMatchObject({
      validAfter: '1800000100',
      validBefore: '1799999999',
      to,
      nonce,
    })
    expect(await verifiesUnderToken(exact(payment.payload))).toBe(true)
  })

  it.each([
    ['wrong chain', { chainId: 8453 }],
    ['wrong token', { verifyingContract: '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913' as Address }],
    ['wrong name', { name: 'USD Coin' }],
    ['wrong version', { version: '1' }],
  ])('%s in the domain: the signature verifies under that domain only', async (_name, domain) => {
    const payment = await buildExactPayment({ requirements: requirementsV2(), payer, domain })
    expect(payment.typedData.domain).toEqual({ ...tokenDomain, ...domain })
    expect(await verifiesUnderToken(exact(payment.payload))).toBe(false)
    expect((await verifyAuthorizationSignature(payment.typedData, payment.signature)).valid).toBe(true)
  })

  it('wrong signer: from is the payer, the signature is someone else’s', async () => {
    const payment = await buildExactPayment({ requirements: requirementsV2(), payer, signer: stranger })
    expect(exact(payment.payload).authorization.from).toBe(payer.address)
    expect(payment.signer).toBe(stranger.address)
    expect(payment.evidence.signer).toBe(stranger.address)
    const check = await verifyAuthorizationSignature(payment.typedData, payment.signature)
    expect(check).toMatchObject({ valid: false, signer: stranger.address })
  })

  it('corrupted signature: a function of the real one is sent, the evidence keeps the real one', async () => {
    const flipLastByte = (signature: Hex): Hex =>
      `${signature.slice(0, -2)}${signature.endsWith('1b') ? '1c' : '1b'}` as Hex
    const payment = await buildExactPayment({
      requirements: requirementsV1(),
      payer,
      signature: flipLastByte,
    })
    expect(payment.signature).toBe(exact(payment.payload).signature)
    expect(payment.evidence.signature).not.toBe(payment.signature)
    expect(flipLastByte(payment.evidence.signature as Hex)).toBe(payment.signature)
    expect(await verifiesUnderToken(exact(payment.payload))).toBe(false)
  })

  it('a replaced signature is sent as given', async () => {
    const payment = await buildExactPayment({
      requirements: requirementsV2(),
      payer,
      signature: '0xdeadbeef',
    })
    expect(exact(payment.payload).signature).toBe('0xdeadbeef')
  })

  it('claim one value, sign another: the wire override changes only what is sent', async () => {
    const payment = await buildExactPayment({
      requirements: requirementsV2(),
      payer,
      authorization: { value: 1n },
      wire: { value: '1000' },
    })
    expect(exact(payment.payload).authorization.value).toBe('1000')
    expect(payment.typedData.message.value).toBe(1n)
    expect(await verifiesUnderToken(exact(payment.payload))).toBe(false)
  })

  it('ReceiveWithAuthorization instead of TransferWithAuthorization', async () => {
    const payment = await buildExactPayment({
      requirements: requirementsV2(),
      payer,
      primaryType: 'ReceiveWithAuthorization',
    })
    expect(payment.evidence.primaryType).toBe('ReceiveWithAuthorization')
    expect(await verifiesUnderToken(exact(payment.payload))).toBe(false)
    const asReceive = authorizationTypedData(
      tokenDomain,
      payment.typedData.message,
      'ReceiveWithAuthorization',
    )
    expect((await verifyAuthorizationSignature(asReceive, payment.signature)).valid).toBe(true)
  })
})

describe('requirements the builder cannot sign for', () => {
  it('missing extra.name/version is refused like the reference client, naming the fields', async () => {
    const requirements = { ...requirementsV2(), extra: {} }
    const attempt = buildExactPayment({ requirements, payer })
    await expect(attempt).rejects.toThrow(WireError)
    await expect(attempt).rejects.toMatchObject({
      issues: [{ path: 'extra.name' }, { path: 'extra.version' }],
    })
    const withDomain = await buildExactPayment({
      requirements,
      payer,
      domain: { name: 'USDC', version: '2' },
    })
    expect(withDomain.typedData.domain).toEqual(exactDomain(requirementsV2()))
  })

  it('a network without a known chain id needs chainId', async () => {
    const requirements = { ...requirementsV1(), network: 'devnet-x' }
    await expect(buildExactPayment({ requirements, payer })).rejects.toMatchObject({
      issues: [{ path: 'network' }],
    })
    const payment = await buildExactPayment({ requirements, payer, chainId: 31337 })
    expect(payment.typedData.domain.chainId).toBe(31337)
    const anvil = await buildExactPayment({
      requirements: { ...requirementsV2(), network: 'eip155:31337' },
      payer,
    })
    expect(anvil.typedData.domain.chainId).toBe(31337)
  })

  it('an unsignable amount or payTo is refused unless overridden', async () => {
    await expect(
      buildExactPayment({ requirements: { ...requirementsV2(), amount: '1.5' }, payer }),
    ).rejects.toMatchObject({
      issues: [{ path: 'amount' }],
    })
    await expect(
      buildExactPayment({ requirements: { ...requirementsV1(), payTo: 'merchant' }, payer }),
    ).rejects.toMatchObject({
      issues: [{ path: 'payTo' }],
    })
    const payment = await buildExactPayment({
      requirements: { ...requirementsV2(), amount: '1.5' },
      payer,
      authorization: { value: 2n },
    })
    expect(exact(payment.payload).authorization.value).toBe('2')
  })
})

describe('the version comes from the challenge, never from which keys an offer carries', () => {
  // One real server's v2 offers carry both `amount` and `maxAmountRequired` (issue 13).
  const v2WithBoth = () => ({ ...requirementsV2(), maxAmountRequired: '999999' })

  it('a v2 offer that also carries maxAmountRequired is paid as v2, for its amount', async () => {
    const payment = await buildExactPayment({ requirements: v2WithBoth(), x402Version: 2, payer })
    expect(payment.payload.x402Version).toBe(2)
    expect(encodePaymentHeader(payment.payload).name).toBe('PAYMENT-SIGNATURE')
    expect(exact(payment.payload).authorization.value).toBe(requirementsV2().amount)
    expect(requiredAmount(v2WithBoth(), 2)).toBe(requirementsV2().amount)
  })

  it('a v1 offer that also carries amount is paid as v1, for its maxAmountRequired', async () => {
    const requirements = { ...requirementsV1(), amount: '1' }
    const payment = await buildExactPayment({ requirements, x402Version: 1, payer })
    expect(payment.payload.x402Version).toBe(1)
    expect(exact(payment.payload).authorization.value).toBe(requirementsV1().maxAmountRequired)
  })

  it('without the version, requirements carrying both amount fields are not guessed at', async () => {
    await expect(buildExactPayment({ requirements: v2WithBoth(), payer })).rejects.toThrow(/x402Version/)
    expect(() => requiredAmount(v2WithBoth())).toThrow(WireError)
    expect(requirementsVersion(requirementsV2())).toBe(2)
    expect(requirementsVersion(requirementsV1())).toBe(1)
  })
})
