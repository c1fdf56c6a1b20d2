/**
 * The built-in facilitator's verification on a real devnet: a valid payment verifies, and each single
 * defect is refused with its spec §9 reason (and the payer named), for x402 v1 and v2.
 */
import { type Hex, hexToBigInt, numberToHex, size, slice } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDevnet } from '../../harness/devnet/index.ts'
import type { Devnet, DevnetAccount } from '../../harness/devnet/types.ts'
import { createFacilitator, type Facilitator, Reason } from '../../harness/facilitator/index.ts'
import { type PaymentSpec, paymentRequest } from './payments.ts'

let devnet: Devnet
let facilitator: Facilitator
const AMOUNT = 1000n

beforeAll(async () => {
  devnet = await startDevnet()
  facilitator = createFacilitator({ devnet })
})
afterAll(async () => {
  await devnet?.stop()
})

const payTo = () => devnet.accounts[3]!.address
const stranger = () => devnet.accounts[5]!.address

/** A fresh funded payer and a request built from `overrides` (one defect at a time). */
async function request(
  version: 1 | 2,
  overrides: (payer: DevnetAccount) => Partial<PaymentSpec> = () => ({}),
) {
  const payer = await devnet.fundedAccount()
  const spec: PaymentSpec = {
    version,
    signer: payer.account,
    payTo: payTo(),
    amount: AMOUNT,
    ...overrides(payer),
  }
  return { payer, body: await paymentRequest(devnet, spec) }
}

async function expectInvalid(body: unknown, reason: string, payer: string) {
  const answer = await facilitator.verify(body)
  expect(answer).toEqual({ isValid: false, invalidReason: reason, payer })
}

/** The same signature with s' = n - s and v flipped: valid for ecrecover, refused by the token (malleable). */
function malleate(signature: Hex): Hex {
  const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
  const s = hexToBigInt(slice(signature, 32, 64))
  const v = Number(hexToBigInt(slice(signature, 64, 65)))
  return `${slice(signature, 0, 32)}${numberToHex(n - s, { size: 32 }).slice(2)}${(v === 27 ? 28 : 27).toString(16)}` as Hex
}

describe.each([1, 2] as const)('verify, x402 v%i', (version) => {
  const valueReason = version === 2 ? Reason.valueMismatchV2 : Reason.valueV1

  it('accepts a valid payment and names the payer, without moving money', async () => {
    const { payer, body } = await request(version)
    const before = await devnet.usdcBalance(payer.address)
    expect(await facilitator.verify(body)).toEqual({ isValid: true, payer: payer.address })
    expect(await devnet.usdcBalance(payer.address)).toBe(before)
  })

  it('refuses an underpayment', async () => {
    const { payer, body } = await request(version, () => ({ value: AMOUNT - 1n }))
    await expectInvalid(body, valueReason, payer.address)
  })

  it('refuses an expired authorization', async () => {
    const now = await devnet.now()
    const { payer, body } = await request(version, () => ({ validBefore: now - 1n }))
    await expectInvalid(body, Reason.validBefore, payer.address)
  })

  it('refuses a validBefore inside the 6 s settlement buffer', async () => {
    const now = await devnet.now()
    const { payer, body } = await request(version, () => ({ validBefore: now + 3n }))
    await expectInvalid(body, Reason.validBefore, payer.address)
  })

  it('refuses an authorization that is not yet valid', async () => {
    const now = await devnet.now()
    const { payer, body } = await request(version, () => ({ validAfter: now + 60n }))
    await expectInvalid(body, Reason.validAfter, payer.address)
  })

  it('refuses a payment to another recipient than payTo', async () => {
    const { payer, body } = await request(version, () => ({ to: stranger() }))
    await expectInvalid(body, Reason.recipient, payer.address)
  })

  it('refuses a signature over another chain id', async () => {
    const { payer, body } = await request(version, () => ({ domain: { chainId: 8453 } }))
    await expectInvalid(body, Reason.signature, payer.address)
  })

  it('refuses a signature over another token (verifyingContract)', async () => {
    const { payer, body } = await request(version, () => ({ domain: { verifyingContract: stranger() } }))
    await expectInvalid(body, Reason.signature, payer.address)
  })

  it('refuses a corrupted signature', async () => {
    const { payer, body } = await request(version)
    const payload = body.paymentPayload.payload as { signature: Hex }
    const last = payload.signature.slice(-4, -2) === 'ff' ? '00' : 'ff'
    payload.signature = `${payload.signature.slice(0, -4)}${last}${payload.signature.slice(-2)}` as Hex
    await expectInvalid(body, Reason.signature, payer.address)
  })

  it('refuses a malleable (high-s) signature the token would reject', async () => {
    const { payer, body } = await request(version)
    const payload = body.paymentPayload.payload as { signature: Hex }
    expect(size(payload.signature)).toBe(65)
    payload.signature = malleate(payload.signature)
    await expectInvalid(body, Reason.signature, payer.address)
  })

  it("refuses a signature with v = 0/1, which the token's ecrecover refuses", async () => {
    const { payer, body } = await request(version)
    const payload = body.paymentPayload.payload as { signature: Hex }
    const v = Number(hexToBigInt(slice(payload.signature, 64, 65)))
    payload.signature = `${payload.signature.slice(0, -2)}0${v - 27}` as Hex
    await expectInvalid(body, Reason.signature, payer.address)
  })

  it('refuses a signature by another key than authorization.from', async () => {
    const other = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d')
    const { payer, body } = await request(version, (p) => ({ signer: other, from: p.address }))
    await expectInvalid(body, Reason.signature, payer.address)
  })

  it('refuses an authorization whose nonce is already used on chain', async () => {
    const { payer, body } = await request(version)
    expect((await facilitator.settle(body)).success).toBe(true)
    await expectInvalid(body, Reason.nonceUsed, payer.address)
  })

  it('refuses a payer without enough USDC', async () => {
    const payer = await devnet.fundedAccount({ usdc: AMOUNT - 1n })
    const body = await paymentRequest(devnet, {
      version,
      signer: payer.account,
      payTo: payTo(),
      amount: AMOUNT,
    })
    await expectInvalid(body, Reason.funds, payer.address)
  })

  it('refuses requirements for another network', async () => {
    const { payer, body } = await request(version)
    const other = version === 1 ? 'base' : 'eip155:8453'
    body.paymentRequirements.network = other
    await expectInvalid(body, Reason.network, payer.address)
  })

  it('refuses requirements for another asset', async () => {
    const { payer, body } = await request(version)
    body.paymentRequirements.asset = stranger()
    await expectInvalid(body, Reason.requirements, payer.address)
  })

  it('refuses requirements without the EIP-712 domain in extra', async () => {
    const { payer, body } = await request(version)
    body.paymentRequirements.extra = {}
    await expectInvalid(body, Reason.requirements, payer.address)
  })

  it('refuses another scheme', async () => {
    const { payer, body } = await request(version)
    body.paymentRequirements.scheme = 'upto'
    await expectInvalid(body, Reason.scheme, payer.address)
  })

  it('refuses an unknown x402Version', async () => {
    const { payer, body } = await request(version)
    const tampered = { ...body, x402Version: 3, paymentPayload: { ...body.paymentPayload, x402Version: 3 } }
    await expectInvalid(tampered, Reason.version, payer.address)
  })

  it('refuses a malformed authorization nonce', async () => {
    const { payer, body } = await request(version)
    const payload = body.paymentPayload.payload as { authorization: { nonce: string } }
    payload.authorization.nonce = '0x1234'
    await expectInvalid(body, Reason.payload, payer.address)
  })
})

describe('verify, amount rules that differ between versions', () => {
  it('v2 refuses an overpayment (strict equality, spec-v2 §6.1.2)', async () => {
    const { payer, body } = await request(2, () => ({ value: AMOUNT + 1n }))
    await expectInvalid(body, Reason.valueMismatchV2, payer.address)
  })

  it('v1 accepts an overpayment ("meets or exceeds", spec-v1 §6.1.2)', async () => {
    const { payer, body } = await request(1, () => ({ value: AMOUNT + 1n }))
    expect(await facilitator.verify(body)).toEqual({ isValid: true, payer: payer.address })
  })
})

describe('verify, v2 accepted must match the requirements', () => {
  it('refuses an accepted amount that differs', async () => {
    const { payer, body } = await request(2, () => ({ accepted: { amount: '1' } }))
    await expectInvalid(body, Reason.payload, payer.address)
  })

  it('refuses an accepted payTo that differs', async () => {
    const { payer, body } = await request(2, () => ({ accepted: { payTo: stranger() } }))
    await expectInvalid(body, Reason.payload, payer.address)
  })

  it('refuses an accepted asset that differs', async () => {
    const { payer, body } = await request(2, () => ({ accepted: { asset: stranger() } }))
    await expectInvalid(body, Reason.payload, payer.address)
  })

  it('refuses an accepted network that differs', async () => {
    const { payer, body } = await request(2, () => ({ accepted: { network: 'eip155:8453' } }))
    await expectInvalid(body, Reason.network, payer.address)
  })

  it('accepts addresses in another letter case', async () => {
    const { payer, body } = await request(2, () => ({ accepted: { payTo: payTo().toLowerCase() } }))
    expect(await facilitator.verify(body)).toEqual({ isValid: true, payer: payer.address })
  })
})
