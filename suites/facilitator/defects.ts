/**
 * Single-defect payments: an honest payment with exactly one thing wrong, each with the requirement it
 * breaks and the reason codes that name it. /verify cases send every one; /settle cases send the ones
 * where money would move wrongly. One defect per payment, because the reference implementations check in
 * different orders (x402-digest §2.5, §8.2) and several defects at once would get different codes.
 */
import type { Hex } from 'viem'
import type { X402Version } from '../../harness/wire/types.ts'
import { acceptedReasons } from '../catalog/index.ts'
import type { FacilitatorCaseContext } from './context.ts'
import { type Deal, freshAddress } from './payments.ts'
import { reasonsOf } from './verdicts.ts'

/** One defect: how to build the payment, what it breaks, and the codes that name it. */
export interface Defect {
  /** The last part of the case ids, e.g. `amount-under` → `facilitator.verify.amount-under`. */
  name: string
  /** The payment in words, for titles and messages ("an authorization for less than the amount"). */
  defect: string
  requirements: string[]
  reasons: readonly string[]
  /** Only where narrower than the versions its requirements apply to. */
  versions?: readonly X402Version[]
  build(context: FacilitatorCaseContext): Promise<Deal>
}

/** Flips one byte of the signature's `s` (a well-formed signature of something else). */
export function corruptSignature(signature: Hex): Hex {
  const index = 2 + 2 * 40
  const byte = Number.parseInt(signature.slice(index, index + 2), 16) ^ 0x5a
  return `${signature.slice(0, index)}${byte.toString(16).padStart(2, '0')}${signature.slice(index + 2)}` as Hex
}

/** Another chain's network id in the same version's format (a network the payment was not made for). */
function otherNetwork(context: FacilitatorCaseContext): string {
  const base = context.devnet.preset.chainId === 8453
  if (context.version === 1) return base ? 'base-sepolia' : 'base'
  return base ? 'eip155:84532' : 'eip155:8453'
}

/** A token address that is not the devnet's USDC (the other preset's canonical USDC; no code here). */
function otherToken(context: FacilitatorCaseContext): `0x${string}` {
  return context.devnet.preset.chainId === 8453
    ? '0x036CbD53842c5426634e7929541eC2318f3dCF7e'
    : '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913'
}

const signatureReasons = reasonsOf('FA-6')

/** Every single-defect payment. */
export const defects: readonly Defect[] = [
  {
    name: 'signature-corrupted',
    defect: 'a payment whose signature is corrupted',
    requirements: ['FA-6'],
    reasons: signatureReasons,
    build: ({ payments }) => payments.deal({ signature: corruptSignature }),
  },
  {
    name: 'signer-not-payer',
    defect: 'a payment signed by someone other than authorization.from',
    requirements: ['FA-6'],
    reasons: signatureReasons,
    build: async ({ payments }) => payments.deal({ signer: (await payments.payer({ usdc: 0n })).account }),
  },
  {
    name: 'amount-under',
    defect: 'an authorization for one unit less than the required amount',
    requirements: ['FA-8'],
    reasons: reasonsOf('FA-8'),
    build: ({ payments }) => payments.deal({ authorization: { value: 999n }, terms: { amount: 1000n } }),
  },
  {
    name: 'amount-over',
    defect: 'an authorization for one unit more than the required amount (v2: exact means exact)',
    requirements: ['FA-34'],
    reasons: reasonsOf('FA-34'),
    build: ({ payments }) => payments.deal({ authorization: { value: 1001n }, terms: { amount: 1000n } }),
  },
  {
    name: 'valid-before-expired',
    defect: 'an authorization whose validBefore passed a minute ago',
    requirements: ['FA-9'],
    reasons: reasonsOf('FA-9'),
    build: async ({ payments }) =>
      payments.deal({ authorization: { validBefore: (await payments.clock()).earliest - 60n } }),
  },
  {
    name: 'valid-after-future',
    defect: 'an authorization whose validAfter is an hour ahead',
    requirements: ['FA-46'],
    reasons: reasonsOf('FA-46'),
    build: async ({ payments }) => {
      const { latest } = await payments.clock()
      return payments.deal({ authorization: { validAfter: latest + 3600n, validBefore: latest + 7200n } })
    },
  },
  {
    name: 'recipient-mismatch',
    defect: "an authorization to another address than the requirements' payTo",
    requirements: ['FA-10'],
    reasons: reasonsOf('FA-10'),
    build: ({ payments }) => payments.deal({ authorization: { to: freshAddress() } }),
  },
  {
    name: 'asset-other-token',
    defect: "an authorization signed for another token than the requirements' asset",
    requirements: ['FA-49'],
    reasons: reasonsOf('FA-49'),
    build: (context) => context.payments.deal({ domain: { verifyingContract: otherToken(context) } }),
  },
  {
    name: 'chain-id-other',
    defect: "an authorization signed for another chain id than the requirements' network",
    requirements: ['FA-49'],
    reasons: reasonsOf('FA-49'),
    build: ({ payments }) => payments.deal({ domain: { chainId: 1 } }),
  },
  {
    name: 'network-mismatch',
    defect: "a payment whose network is not the requirements' network",
    requirements: ['FA-11'],
    reasons: reasonsOf('FA-11'),
    build: (context) =>
      context.payments.deal({
        patch: (request) => {
          const payload = request.paymentPayload as unknown as Record<string, Record<string, unknown>>
          if (context.version === 1) (payload as Record<string, unknown>).network = otherNetwork(context)
          else payload.accepted!.network = otherNetwork(context)
        },
      }),
  },
  {
    name: 'scheme-mismatch',
    defect: "a payment whose scheme is not the requirements' scheme",
    requirements: ['FA-51'],
    reasons: reasonsOf('FA-51'),
    build: (context) =>
      context.payments.deal({
        patch: (request) => {
          const payload = request.paymentPayload as unknown as Record<string, Record<string, unknown>>
          if (context.version === 1) (payload as Record<string, unknown>).scheme = 'upto'
          else payload.accepted!.scheme = 'upto'
        },
      }),
  },
  {
    name: 'domain-name-mismatch',
    defect: "a payment signed under requirements whose extra.name is not the token's EIP-712 name",
    requirements: ['FA-12'],
    reasons: [...reasonsOf('FA-12'), ...acceptedReasons.malformedRequirements, ...signatureReasons],
    build: ({ payments, devnet }) =>
      payments.deal({
        terms: {
          extra: {
            name: `${devnet.preset.eip712.name} (not the token)`,
            version: devnet.preset.eip712.version,
          },
        },
        domain: { name: `${devnet.preset.eip712.name} (not the token)` },
      }),
  },
  {
    name: 'insufficient-balance',
    defect: 'a payment from a payer holding one unit less than the amount',
    requirements: ['FA-7'],
    reasons: reasonsOf('FA-7'),
    build: ({ payments }) => payments.deal({ fund: { usdc: 999n }, terms: { amount: 1000n } }),
  },
  {
    name: 'nonce-used',
    defect: 'an authorization whose nonce was already used on chain',
    requirements: ['FA-13'],
    reasons: reasonsOf('FA-13'),
    build: async ({ payments }) => {
      const deal = await payments.deal()
      await payments.spendOnChain(deal)
      return deal
    },
  },
  {
    name: 'authorization-cancelled',
    defect: 'an authorization the payer cancelled on chain (cancelAuthorization)',
    requirements: ['FA-12', 'FA-13'],
    reasons: reasonsOf('FA-12', 'FA-13'),
    build: async ({ payments }) => {
      const deal = await payments.deal()
      await payments.cancelOnChain(deal)
      return deal
    },
  },
  {
    name: 'asset-not-a-token',
    defect: 'a payment whose asset is an address without code (sponsorship abuse)',
    requirements: ['FA-54'],
    reasons: reasonsOf('FA-54'),
    build: ({ payments }) => {
      const asset = freshAddress()
      return payments.deal({ terms: { asset }, domain: { verifyingContract: asset } })
    },
  },
  {
    name: 'accepted-underpriced',
    defect: "a payment whose accepted and authorization say less than the requirements' amount",
    requirements: ['FA-8', 'FA-50'],
    reasons: reasonsOf('FA-8', 'FA-50'),
    versions: [2],
    build: ({ payments }) =>
      payments.deal({
        terms: { amount: 1000n },
        authorization: { value: 500n },
        patch: (request) => {
          ;(request.paymentPayload as unknown as { accepted: Record<string, unknown> }).accepted.amount =
            '500'
        },
      }),
  },
  {
    name: 'accepted-payto',
    defect: "a payment whose accepted and authorization name another payTo than the requirements'",
    requirements: ['FA-10', 'FA-50'],
    reasons: reasonsOf('FA-10', 'FA-50'),
    versions: [2],
    build: ({ payments }) => {
      const attacker = freshAddress()
      return payments.deal({
        authorization: { to: attacker },
        patch: (request) => {
          ;(request.paymentPayload as unknown as { accepted: Record<string, unknown> }).accepted.payTo =
            attacker
        },
      })
    },
  },
]

/** The defect named `name` (throws on a typo, at load time). */
export function defectNamed(name: string): Defect {
  const found = defects.find((candidate) => candidate.name === name)
  if (found === undefined) throw new Error(`no defect '${name}'`)
  return found
}
