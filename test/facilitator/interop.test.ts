/**
 * The built-in facilitator against the outside world: payments the real SDK clients signed (recorded in
 * /work/shared/vectors on the same devnet accounts), payments built by harness/schemes/exact-evm, and the reference
 * facilitator's verdicts on the same payments.
 */
import type { Hex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDevnet } from '../../harness/devnet/index.ts'
import type { Devnet } from '../../harness/devnet/types.ts'
import { createFacilitator, type Facilitator, Reason } from '../../harness/facilitator/index.ts'
import { buildExactPayment } from '../../harness/schemes/exact-evm/index.ts'
import type {
  FacilitatorRequest,
  PaymentRequirementsV1,
  PaymentRequirementsV2,
} from '../../harness/wire/types.ts'
import { type ReferenceFacilitator, referenceFacilitator } from '../sdk/facilitators.ts'
import { type PaymentSpec, paymentRequest } from './payments.ts'

let devnet: Devnet
let builtin: Facilitator
let reference: ReferenceFacilitator

beforeAll(async () => {
  devnet = await startDevnet()
  builtin = createFacilitator({ devnet })
  reference = referenceFacilitator(devnet, devnet.accounts[4])
})
afterAll(async () => {
  await devnet?.stop()
})

const AUTHORIZATION = {
  from: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
  to: '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
  value: '1000',
}
const EXTRA = { name: 'USDC', version: '2' }
const USDC = '0x036CbD53842c5426634e7929541eC2318f3dCF7e'

/** `@x402/fetch` 2.27's payment, recorded in reference-v2-exchange.json (PAYMENT-SIGNATURE decoded). */
const recordedV2: FacilitatorRequest = {
  x402Version: 2,
  paymentPayload: {
    x402Version: 2,
    payload: {
      authorization: {
        ...AUTHORIZATION,
        validAfter: '0',
        validBefore: '1795246176',
        nonce: '0xcde6f7a53f403ee642f117e6350435af050d58331c596a38a33a03e72fb3c9f7',
      },
      signature:
        '0x751cbc81ebe6d0950c30c469524ec89d6503ce54555cb74500ca7e054ae0564c0b13f9b4b248a87e83726adfb1982497ac8793f5dd0c43953cdb8ad76ebd3d951b',
    },
    resource: {
      url: 'http://127.0.0.1:14021/weather',
      description: 'Weather report',
      mimeType: 'application/json',
    },
    accepted: {
      scheme: 'exact',
      network: 'eip155:84532',
      amount: '1000',
      asset: USDC,
      payTo: AUTHORIZATION.to,
      maxTimeoutSeconds: 300,
      extra: EXTRA,
    },
  },
  paymentRequirements: {
    scheme: 'exact',
    network: 'eip155:84532',
    amount: '1000',
    asset: USDC,
    payTo: AUTHORIZATION.to,
    maxTimeoutSeconds: 300,
    extra: EXTRA,
  },
}

/** `x402-fetch` 1.2's payment, recorded in reference-v1-exchange.json (X-PAYMENT decoded). */
const recordedV1: FacilitatorRequest = {
  x402Version: 1,
  paymentPayload: {
    x402Version: 1,
    scheme: 'exact',
    network: 'base-sepolia',
    payload: {
      signature:
        '0x66054f49615072b1df2760757dafb5b89295a0afd404546587d6dacc41582e521d36b71d24d84b16fe8e85d005a96f629d475f9407d1ea0b0a95cba39fb7ce4b1b',
      authorization: {
        ...AUTHORIZATION,
        validAfter: '1795245277',
        validBefore: '1795245937',
        nonce: '0x1a9cfab595b3986f5fcd8d5ec27675df649ae4a13b62c6976ffef7a6cfd927a7',
      },
    },
  },
  paymentRequirements: {
    scheme: 'exact',
    network: 'base-sepolia',
    maxAmountRequired: '1000',
    resource: 'http://127.0.0.1:14031/weather',
    description: 'Weather report',
    mimeType: 'application/json',
    payTo: AUTHORIZATION.to,
    maxTimeoutSeconds: 60,
    asset: USDC,
    outputSchema: { input: { type: 'http', method: 'GET', discoverable: true } },
    extra: EXTRA,
  },
}

describe('payments signed by the real SDK clients', () => {
  it.each([
    ['v2 (@x402/fetch 2.27)', recordedV2],
    ['v1 (x402-fetch 1.2)', recordedV1],
  ])('%s passes the signature, recipient and amount checks', async (_name, request) => {
    // Recorded earlier, so by now the window has usually closed: the time check is the first to fail,
    // which it only reaches after signature (9), recipient (10) and amount (11) passed.
    const validBefore = BigInt(
      (request.paymentPayload.payload as { authorization: { validBefore: string } }).authorization
        .validBefore,
    )
    const expired = (await devnet.now()) + 6n > validBefore
    const answer = await builtin.verify(request)
    expect(answer).toEqual(
      expired
        ? { isValid: false, invalidReason: Reason.validBefore, payer: AUTHORIZATION.from }
        : { isValid: true, payer: AUTHORIZATION.from },
    )
  })

  it.each([
    ['v2', recordedV2],
    ['v1', recordedV1],
  ])('%s with one signed field changed fails the signature check', async (_name, request) => {
    const tampered = structuredClone(request)
    const payload = tampered.paymentPayload.payload as { authorization: { nonce: string } }
    payload.authorization.nonce = `0x${'11'.repeat(32)}`
    expect(await builtin.verify(tampered)).toEqual({
      isValid: false,
      invalidReason: Reason.signature,
      payer: AUTHORIZATION.from,
    })
  })
})

describe('payments built by harness/schemes/exact-evm', () => {
  it.each([1, 2] as const)('v%i: verifies and settles', async (version) => {
    const payer = await devnet.fundedAccount()
    const payee = await devnet.fundedAccount({ usdc: 0n })
    const base = {
      scheme: 'exact',
      asset: devnet.usdc,
      payTo: payee.address,
      maxTimeoutSeconds: 120,
      extra: EXTRA,
    }
    const now = await devnet.now()
    const request: FacilitatorRequest =
      version === 1
        ? await (async () => {
            const requirements: PaymentRequirementsV1 = {
              ...base,
              network: devnet.preset.networkV1,
              maxAmountRequired: '777',
              resource: 'http://127.0.0.1/x',
              description: 'x',
            }
            const { payload } = await buildExactPayment({ requirements, payer: payer.account, now })
            return { x402Version: 1, paymentPayload: payload, paymentRequirements: requirements }
          })()
        : await (async () => {
            const requirements: PaymentRequirementsV2 = {
              ...base,
              network: devnet.preset.network,
              amount: '777',
            }
            const { payload } = await buildExactPayment({ requirements, payer: payer.account, now })
            return { x402Version: 2, paymentPayload: payload, paymentRequirements: requirements }
          })()
    expect(await builtin.verify(request)).toEqual({ isValid: true, payer: payer.address })
    expect(await builtin.settle(request)).toMatchObject({ success: true, payer: payer.address })
    expect(await devnet.usdcBalance(payee.address)).toBe(777n)
  })
})

describe('agreement with the reference facilitator (@x402/core + @x402/evm 2.27)', () => {
  const AMOUNT = 1500n
  type Defect = (now: bigint, payer: Hex) => Partial<PaymentSpec>
  const defects: Array<[string, Defect]> = [
    ['underpaid', () => ({ value: AMOUNT - 1n })],
    ['expired', (now) => ({ validBefore: now - 1n })],
    ['not yet valid', (now) => ({ validAfter: now + 120n })],
    ['wrong recipient', () => ({ to: '0x000000000000000000000000000000000000dEaD' })],
    ['signed for another chain', () => ({ domain: { chainId: 1 } })],
    [
      'signed for another token',
      () => ({ domain: { verifyingContract: '0x000000000000000000000000000000000000dEaD' } }),
    ],
    ['corrupted signature', () => ({ signature: `0x${'ab'.repeat(65)}` as Hex })],
  ]

  for (const version of [1, 2] as const) {
    it(`v${version}: both accept an honest payment`, async () => {
      const payer = await devnet.fundedAccount()
      const spec: PaymentSpec = {
        version,
        signer: payer.account,
        payTo: devnet.accounts[3]!.address,
        amount: AMOUNT,
      }
      const request = await paymentRequest(devnet, spec)
      expect((await builtin.verify(request)).isValid).toBe(true)
      expect((await reference.verify(request)).isValid).toBe(true)
    })

    it.each(defects)(`v${version}: both refuse a payment that is %s`, async (_name, defect) => {
      const payer = await devnet.fundedAccount()
      const now = await devnet.now()
      const spec: PaymentSpec = {
        version,
        signer: payer.account,
        payTo: devnet.accounts[3]!.address,
        amount: AMOUNT,
        ...defect(now, payer.address),
      }
      const request = await paymentRequest(devnet, spec)
      const [ours, theirs] = await Promise.all([builtin.verify(request), reference.verify(request)])
      expect(ours.isValid).toBe(false)
      expect(theirs.isValid).toBe(false)
    })
  }

  it('v2: both refuse an overpayment; v1: only the reference does (spec-v1 says "meets or exceeds")', async () => {
    const payer = await devnet.fundedAccount()
    const base = {
      signer: payer.account,
      payTo: devnet.accounts[3]!.address,
      amount: AMOUNT,
      value: AMOUNT + 1n,
    }
    const v2 = await paymentRequest(devnet, { version: 2, ...base })
    expect((await builtin.verify(v2)).isValid).toBe(false)
    expect((await reference.verify(v2)).isValid).toBe(false)
    const v1 = await paymentRequest(devnet, { version: 1, ...base })
    expect((await builtin.verify(v1)).isValid).toBe(true)
    expect((await reference.verify(v1)).isValid).toBe(false)
  })

  it('a payment the reference settled is refused by the built-in facilitator, and vice versa', async () => {
    const payer = await devnet.fundedAccount()
    const spec = (version: 1 | 2): PaymentSpec => ({
      version,
      signer: payer.account,
      payTo: devnet.accounts[3]!.address,
      amount: AMOUNT,
    })
    const first = await paymentRequest(devnet, spec(2))
    expect((await reference.settle(first)).success).toBe(true)
    expect(await builtin.settle(first)).toMatchObject({ success: false, errorReason: Reason.nonceUsed })
    const second = await paymentRequest(devnet, spec(2))
    expect((await builtin.settle(second)).success).toBe(true)
    expect((await reference.settle(second)).success).toBe(false)
  })
})
