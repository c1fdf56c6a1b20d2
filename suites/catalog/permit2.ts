/**
 * Permit2-based payments the facilitator suite covers: `exact` with `assetTransferMethod: "permit2"`
 * (scheme_exact_evm.md §2) and the `upto` scheme on EVM (scheme_upto.md, scheme_upto_evm.md). Their
 * server and client rows (RS-20, RS-21, CL-8, CL-9) are in exact-evm.ts and schemes-other.ts.
 * The gas-sponsoring extensions (FA-19, FA-20) stay `later` too: the devnet's plain token has no
 * EIP-2612 and the built-in facilitator offers neither extension.
 */
import { exactEvm } from './cite.ts'
import { FOUNDATION_MAIN, FOUNDATION_UPTO_EVM_2026_06 } from './spec.ts'
import type { RequirementInput, SpecCitation } from './types.ts'

const PERMIT2_PHASE2 = '2. AssetTransferMethod: Permit2 / Phase 2: PAYMENT-SIGNATURE Header Payload'
const PERMIT2_PHASE3 = '2. AssetTransferMethod: Permit2 / Phase 3: Verification Logic'
const PERMIT2_PHASE4 = '2. AssetTransferMethod: Permit2 / Phase 4: Settlement Logic'

/** A file under `specs/` as foundation main 92f06b5 has it. */
const main = (path: string, section: string): SpecCitation => ({
  file: `specs/${path}`,
  section,
  source: FOUNDATION_MAIN,
})
const upto = (section: string) => main('schemes/upto/scheme_upto.md', section)
const uptoEvm = (section: string) => main('schemes/upto/scheme_upto_evm.md', section)
/** scheme_upto_evm.md with the settle-time rules of PR #2607. */
const uptoEvmSettleTime: SpecCitation = {
  file: 'specs/schemes/upto/scheme_upto_evm.md',
  section: '1. AssetTransferMethod: `Permit2` / Phase 4: Settlement Logic / Settle-Time Verification',
  source: FOUNDATION_UPTO_EVM_2026_06,
}

/** The upto error code of scheme_upto_evm.md §4 and @x402/evm's names for the same refusal. */
const SETTLEMENT_EXCEEDS = [
  'invalid_upto_evm_payload_settlement_exceeds_amount', // spec §4, TS facilitator
  'upto_amount_exceeds_permitted', // TS: the proxy's AmountExceedsPermitted revert
] as const

export const permit2Requirements: readonly RequirementInput[] = [
  {
    id: 'FA-17',
    level: 'MUST',
    role: 'facilitator',
    versions: [2],
    statement:
      'Permit2 verification runs in order: signature, Permit2 allowance (412 when missing), balance, amount, deadline and validAfter, token and network, then simulation (recommended).',
    quote: 'The verifier must execute these checks in order:',
    spec: exactEvm(PERMIT2_PHASE3),
    seeAlso: [main('schemes/exact/scheme_exact_evm.md', PERMIT2_PHASE3)],
    basis: 'keyword',
  },
  {
    id: 'FA-18',
    level: 'MUST',
    role: 'facilitator',
    versions: [2],
    statement:
      'A Permit2 payment is valid only with spender = the canonical x402ExactPermit2Proxy and witness.to = payTo.',
    quote: 'This Proxy enforces that funds are only sent to the `witness.to` address.',
    spec: exactEvm(PERMIT2_PHASE2),
    basis: 'mechanism',
  },
  {
    id: 'FA-61',
    level: 'MUST',
    role: 'facilitator',
    versions: [2],
    statement:
      'A valid Permit2 exact payment settles through the x402ExactPermit2Proxy in one successful transaction that moves exactly permitted.amount of the asset from the payer to payTo.',
    quote: 'Settlement is performed by calling the `x402ExactPermit2Proxy`.',
    spec: main('schemes/exact/scheme_exact_evm.md', PERMIT2_PHASE4),
    basis: 'mechanism',
    tags: ['chain'],
  },
  {
    id: 'FA-62',
    level: 'MUST',
    role: 'facilitator',
    versions: [2],
    statement:
      'A Permit2 authorization is one-time use: a second /settle of a settled payment is not a success and moves nothing.',
    quote: '| **2. Permit2**      | Tokens without EIP-3009. Uses a Proxy + Permit2.',
    spec: main('schemes/exact/scheme_exact_evm.md', 'Summary'),
    basis: 'mechanism',
    tags: ['security'],
  },
  {
    id: 'FA-24',
    level: 'MUST',
    role: 'facilitator',
    versions: [2],
    statement:
      'An upto authorization settles at most once, for at most the authorized maximum (a 0 settle is allowed), and the SettleResponse carries amount.',
    quote: 'The settled amount MUST be less than or equal to the authorized maximum.',
    spec: upto('Core Properties (MUST)'),
    seeAlso: [uptoEvm('3. SettlementResponse Schema Extension')],
    basis: 'keyword',
    acceptedReasons: SETTLEMENT_EXCEEDS,
    tags: ['security'],
  },
  {
    id: 'FA-25',
    level: 'MUST',
    role: 'facilitator',
    versions: [2],
    statement:
      'upto EVM verification (at /verify time) runs in order: signature, Permit2 allowance (412), balance, permitted amount, deadline and validAfter, token and network, then simulation with the full amount; the settle-time amount rule is FA-57.',
    quote: 'The verifier must execute these checks in order:',
    spec: uptoEvm('1. AssetTransferMethod: `Permit2` / Phase 3: Verification Logic'),
    basis: 'keyword',
  },
  {
    id: 'FA-26',
    level: 'MUST',
    role: 'facilitator',
    versions: [2],
    statement: 'An upto facilitator announces its address in /supported kinds[].extra.facilitatorAddress.',
    quote:
      'The facilitator announces its address via the `/supported` endpoint in the `extra` field of each supported scheme.',
    spec: uptoEvm('1. AssetTransferMethod: `Permit2` / Phase 2: `PAYMENT-SIGNATURE` Header Payload'),
    basis: 'mechanism',
  },
  {
    id: 'FA-57',
    level: 'MUST',
    role: 'facilitator',
    versions: [2],
    statement:
      'At settle time an upto facilitator accepts paymentRequirements.amount below permitted.amount (a partial settlement), verifies the signature against permitted.amount and transfers exactly paymentRequirements.amount (the verify-time equality of FA-25 does not apply to /settle).',
    quote: 'Execute the on-chain transfer for `paymentRequirements.amount`',
    spec: uptoEvmSettleTime,
    seeAlso: [uptoEvm('Phase 4: Settlement Logic / Settlement Amount Rules')],
    basis: 'keyword',
    tags: ['chain'],
  },
  {
    id: 'FA-63',
    level: 'MUST',
    role: 'facilitator',
    versions: [2],
    statement:
      'A zero upto settlement needs no transaction: it moves nothing and its SettleResponse has transaction "" and amount "0".',
    quote: 'If the settled `amount = 0`, no on-chain transaction is required.',
    spec: uptoEvm('1. AssetTransferMethod: `Permit2` / Phase 4: Settlement Logic'),
    seeAlso: [uptoEvm('3. SettlementResponse Schema Extension')],
    basis: 'mechanism',
  },
  {
    id: 'FA-64',
    level: 'MUST',
    role: 'facilitator',
    versions: [2],
    statement:
      'An upto payment whose witness.facilitator is not the facilitator is refused: the authorization is bound to the facilitator the client signed for.',
    quote:
      'This binds the authorization to a specific facilitator, preventing unauthorized settlement by other parties.',
    spec: uptoEvm('1. AssetTransferMethod: `Permit2` / Phase 2: `PAYMENT-SIGNATURE` Header Payload'),
    basis: 'mechanism',
    tags: ['security'],
  },
]
