/**
 * The built-in facilitator's Permit2 support on a real devnet: exact with Permit2 and upto, verified
 * and settled, with the spec's settle-time rules (partial and zero upto settlements, never above the
 * maximum), single use, and one reason per defect.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { ACCOUNT_ROLES, type Devnet, startDevnet } from '../../harness/devnet/index.ts'
import { PLAIN_TOKEN_ADDRESS, permit2Payer, tokenBalance } from '../../harness/devnet/permit2.ts'
import type { DevnetAccount } from '../../harness/devnet/types.ts'
import { createFacilitator, type Facilitator } from '../../harness/facilitator/index.ts'
import { buildExactPermit2Payment } from '../../harness/schemes/exact-permit2-evm/index.ts'
import { buildUptoPayment } from '../../harness/schemes/upto-evm/index.ts'
import type { PaymentPayloadV2, PaymentRequirementsV2 } from '../../harness/wire/types.ts'

let devnet: Devnet
let facilitator: Facilitator
let payer: DevnetAccount
beforeAll(async () => {
  devnet = await startDevnet()
  facilitator = createFacilitator({ devnet })
})
afterAll(async () => {
  await devnet?.stop()
})
beforeEach(async () => {
  payer = await permit2Payer(devnet)
})

const requirements = (scheme: 'exact' | 'upto', amount: string): PaymentRequirementsV2 => ({
  scheme,
  network: devnet.preset.network,
  amount,
  asset: PLAIN_TOKEN_ADDRESS,
  payTo: devnet.accounts[ACCOUNT_ROLES.payTo]!.address,
  maxTimeoutSeconds: 60,
  extra: {
    assetTransferMethod: 'permit2',
    ...(scheme === 'upto' ? { facilitatorAddress: facilitator.signer } : {}),
  },
})
const body = (payload: PaymentPayloadV2, paymentRequirements: PaymentRequirementsV2) => ({
  x402Version: 2,
  paymentPayload: payload,
  paymentRequirements,
})
const payToBalance = () =>
  tokenBalance(devnet, PLAIN_TOKEN_ADDRESS, devnet.accounts[ACCOUNT_ROLES.payTo]!.address)
const now = () => devnet.now()

describe('exact with Permit2', () => {
  test('verifies, settles once with a matching Transfer, and refuses the copy', async () => {
    const r = requirements('exact', '4321')
    const { payload } = await buildExactPermit2Payment({
      requirements: r,
      payer: payer.account,
      now: await now(),
    })
    expect(await facilitator.verify(body(payload, r))).toEqual({ isValid: true, payer: payer.address })
    const before = await payToBalance()
    const settled = await facilitator.settle(body(payload, r))
    expect(settled).toMatchObject({ success: true, payer: payer.address, network: r.network })
    expect(settled.transaction).toMatch(/^0x[0-9a-f]{64}$/)
    expect(await payToBalance()).toBe(before + 4321n)
    expect(await facilitator.settle(body(payload, r))).toMatchObject({
      success: false,
      errorReason: 'permit2_invalid_nonce',
    })
  })

  test.each([
    [
      'another spender',
      { authorization: { spender: '0x00000000000000000000000000000000000b0b02' } },
      'invalid_permit2_spender',
    ],
    [
      'another recipient',
      { authorization: { witness: { to: '0x00000000000000000000000000000000000b0b01' } } },
      'invalid_permit2_recipient_mismatch',
    ],
    ['a lower amount', { authorization: { permitted: { amount: 4000n } } }, 'permit2_amount_mismatch'],
    ['an expired deadline', { authorization: { deadline: 1n } }, 'permit2_deadline_expired'],
    [
      'a future validAfter',
      { authorization: { witness: { validAfter: 99_999_999_999n } } },
      'permit2_not_yet_valid',
    ],
    [
      'a corrupted signature',
      { signature: (s: `0x${string}`) => `${s.slice(0, -4)}00${s.slice(-2)}` as `0x${string}` },
      'invalid_permit2_signature',
    ],
  ] as const)('refuses %s', async (_, override, reason) => {
    const r = requirements('exact', '4321')
    const options = { requirements: r, payer: payer.account, now: await now(), ...override }
    const { payload } = await buildExactPermit2Payment(options as never)
    expect(await facilitator.verify(body(payload, r))).toMatchObject({
      isValid: false,
      invalidReason: reason,
    })
    expect(await facilitator.settle(body(payload, r))).toMatchObject({ success: false, errorReason: reason })
  })

  test('a payer without the Permit2 approval is told permit2_allowance_required', async () => {
    const fresh = await permit2Payer(devnet, { approve: false })
    const r = requirements('exact', '10')
    const { payload } = await buildExactPermit2Payment({
      requirements: r,
      payer: fresh.account,
      now: await now(),
    })
    expect(await facilitator.verify(body(payload, r))).toMatchObject({
      isValid: false,
      invalidReason: 'permit2_allowance_required',
    })
  })
})

describe('upto', () => {
  test('a partial settlement moves the charge only, answers it in amount, and is single use', async () => {
    const r = requirements('upto', '20000')
    const { payload } = await buildUptoPayment({ requirements: r, payer: payer.account, now: await now() })
    expect(await facilitator.verify(body(payload, r))).toEqual({ isValid: true, payer: payer.address })
    const before = await tokenBalance(devnet, PLAIN_TOKEN_ADDRESS, payer.address)
    const settled = await facilitator.settle(body(payload, { ...r, amount: '1858' }))
    expect(settled).toMatchObject({ success: true, amount: '1858' })
    expect(await tokenBalance(devnet, PLAIN_TOKEN_ADDRESS, payer.address)).toBe(before - 1858n)
    expect(await facilitator.settle(body(payload, { ...r, amount: '1' }))).toMatchObject({
      success: false,
      errorReason: 'permit2_invalid_nonce',
    })
  })

  test('a settlement above the maximum is refused and moves nothing', async () => {
    const r = requirements('upto', '20000')
    const { payload } = await buildUptoPayment({ requirements: r, payer: payer.account, now: await now() })
    const before = await tokenBalance(devnet, PLAIN_TOKEN_ADDRESS, payer.address)
    expect(await facilitator.settle(body(payload, { ...r, amount: '20001' }))).toMatchObject({
      success: false,
      errorReason: 'invalid_upto_evm_payload_settlement_exceeds_amount',
      transaction: '',
    })
    expect(await tokenBalance(devnet, PLAIN_TOKEN_ADDRESS, payer.address)).toBe(before)
  })

  test('a zero settlement succeeds without a transaction and consumes the authorization', async () => {
    const r = requirements('upto', '20000')
    const { payload } = await buildUptoPayment({ requirements: r, payer: payer.account, now: await now() })
    expect(await facilitator.settle(body(payload, { ...r, amount: '0' }))).toEqual({
      success: true,
      payer: payer.address,
      transaction: '',
      network: r.network,
      amount: '0',
    })
    expect(await facilitator.settle(body(payload, { ...r, amount: '5' }))).toMatchObject({
      success: false,
      errorReason: 'permit2_invalid_nonce',
    })
  })

  test('the witness must name this facilitator; verify compares the maximum strictly', async () => {
    const r = requirements('upto', '20000')
    const other = { ...r, extra: { ...r.extra, facilitatorAddress: devnet.accounts[6]!.address } }
    const { payload } = await buildUptoPayment({
      requirements: other,
      payer: payer.account,
      now: await now(),
    })
    const forUs = { ...payload, accepted: r }
    expect(await facilitator.verify(body(forUs, r))).toMatchObject({
      invalidReason: 'upto_facilitator_mismatch',
    })
    const honest = await buildUptoPayment({ requirements: r, payer: payer.account, now: await now() })
    expect(await facilitator.verify(body(honest.payload, { ...r, amount: '1858' }))).toMatchObject({
      isValid: false,
    })
  })

  test('/supported lists upto with the facilitator address', () => {
    expect(facilitator.supported().kinds).toContainEqual({
      x402Version: 2,
      scheme: 'upto',
      network: devnet.preset.network,
      extra: { facilitatorAddress: facilitator.signer },
    })
  })
})
