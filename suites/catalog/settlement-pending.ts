/**
 * Requirements from the v2 core text merged after the pin (newer source FOUNDATION_CORE_V2_2026_09):
 * the non-terminal `settlement_pending` settle result (§5.3.2, §9; PRs #3083, #3214) and the
 * EXTENSION-RESPONSES sidechannel (§7.2.1, #3306).
 */
import { coreV2, coreV2Newer, httpV2 } from './cite.ts'
import type { RequirementInput } from './types.ts'

const PENDING_QUOTE =
  'A `SettleResponse` with this `errorReason` MUST carry a non-empty `transaction` (the broadcast hash) and `network` so the caller can reconcile on chain before deciding whether to retry.'

/** settlement_pending and EXTENSION-RESPONSES, in id order per role. */
export const settlementPendingRequirements: readonly RequirementInput[] = [
  {
    id: 'FA-58',
    level: 'MUST',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      'A settle answered settlement_pending (success false) names the transaction it broadcast (a 32-byte hash the chain comes to know) and the requirements’ network; its transaction is never "".',
    quote: PENDING_QUOTE,
    spec: coreV2Newer('§9. Error Handling'),
    seeAlso: [coreV2Newer('§5.3.2 Field Descriptions')],
    basis: 'keyword',
    tags: ['chain', 'settlement-pending'],
  },
  {
    id: 'FA-59',
    level: 'MUST',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      'After a settlement_pending answer, settling the same payload again reconciles to the transaction already broadcast: each answer names that same transaction (still pending, success once it is mined as a transfer of exactly the signed value, or a failure if it reverted), nothing is broadcast again, and the chain shows one transfer.',
    quote: 'Facilitators MAY return this **non-terminal** code — the transaction may still confirm on chain.',
    spec: coreV2Newer('§9. Error Handling'),
    seeAlso: [coreV2('§10.1 Replay Attack Prevention'), coreV2Newer('§7.2 POST /settle')],
    basis: 'implied',
    tags: ['chain', 'security', 'settlement-pending'],
  },
  {
    id: 'RS-49',
    level: 'MUST',
    role: 'server',
    versions: [1, 2],
    statement:
      'A server whose facilitator answers settlement_pending serves nothing for that payment until a settle of it succeeds: the pending answer is not a settlement.',
    quote: 'Facilitators MAY return this **non-terminal** code — the transaction may still confirm on chain.',
    spec: coreV2Newer('§9. Error Handling'),
    seeAlso: [coreV2Newer('§5.3.2 Field Descriptions'), httpV2('Settlement Response Delivery')],
    basis: 'implied',
    tags: ['facilitator-fault', 'settlement-pending'],
  },
  {
    id: 'RS-50',
    level: 'SHOULD',
    role: 'server',
    versions: [1, 2],
    statement:
      'A server whose facilitator answers settlement_pending reconciles before giving up: it settles the same payload again (or reads the chain) and delivers once that settle succeeds, instead of refusing a payment whose transaction confirms.',
    quote: PENDING_QUOTE,
    spec: coreV2Newer('§9. Error Handling'),
    basis: 'implied',
    tags: ['facilitator-fault', 'settlement-pending'],
  },
  {
    id: 'RS-51',
    level: 'MUST',
    role: 'server',
    versions: [2],
    statement:
      'A server never forwards the facilitator’s EXTENSION-RESPONSES sidechannel to the buyer: neither the 402 nor the paid response carries an EXTENSION-RESPONSES header or the sidechannel’s content.',
    quote:
      'through a transport-specific sidechannel that is **not** part of the JSON response body and **not** forwarded to buyers.',
    spec: coreV2Newer('§7.2.1 Extension Responses Sidechannel'),
    seeAlso: [coreV2Newer('§5.4.2 Field Descriptions')],
    basis: 'mechanism',
    tags: ['facilitator-fault', 'security', 'extensions'],
  },
]
