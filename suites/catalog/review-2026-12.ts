/**
 * The re-read of every catalogue entry when the pin moved from coinbase/x402 dd927a2 (2026-04-21) to
 * x402-foundation/x402 92f06b5 (2026-05-18), with the newer v2 core for what was merged after it
 * (docs/spec-review-2026-12-03.md tells the story). One record per entry, also for retired ids, so a
 * later review can start from it; the catalogue test checks that every entry has one.
 *
 * Method: the cited sections were compared by hash at both commits (scripts/spec-index.ts hashing,
 * the same as scripts/spec-drift.ts); an entry whose sections are identical is `unchanged`; every
 * changed section was read and the entry judged; quotes were looked up in the new text.
 */

/** What the review did to an entry. */
export type ReviewOutcome = 'unchanged' | 'reworded' | 'new' | 'retired'

/** One entry's record. */
export interface ReviewRecord {
  id: string
  outcome: ReviewOutcome
  /** What changed in the spec text or the entry, or why nothing did. */
  note: string
}

/** The review's date and the two pins it compared. */
export const REVIEW_2026_12 = Object.freeze({
  date: '2026-12-03',
  from: {
    repository: 'https://github.com/coinbase/x402',
    commit: 'dd927a26cfefc98c24b3ec38b3a8f204dad0c60d',
  },
  to: {
    repository: 'https://github.com/x402-foundation/x402',
    commit: '92f06b52bfa0920c736484a0900815832d6c0fed',
  },
})

const rows: readonly (readonly [string, ReviewOutcome, string])[] = [
  ['RS-7', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['CL-3', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['CL-19', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['X-10', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  [
    'RS-4',
    'unchanged',
    'core \u00a75.1.2 changed only by the ResourceInfo service metadata (serviceName, tags, iconUrl); this rule reads the same.',
  ],
  [
    'RS-5',
    'reworded',
    'ResourceInfo gained serviceName, tags and iconUrl with bounds (92f06b5 \u00a75.1.2); the schema check now enforces them.',
  ],
  [
    'RS-6',
    'reworded',
    'extra has protocol-reserved keys assetTransferMethod and paymentFlow (core \u00a76.1, newer): strings when present, never a failure on any scheme.',
  ],
  [
    'RS-8',
    'reworded',
    'extension data stays under extensions; the reserved extra keys are noted (core \u00a76.1, newer).',
  ],
  ['RS-13', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  [
    'RS-35',
    'reworded',
    'transaction is "" iff nothing was broadcast, non-empty for settlement_pending (core \u00a75.3.2, newer; #3083); was "" whenever success is false.',
  ],
  ['RS-36', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['RS-37', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['RS-19', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  [
    'RS-40',
    'unchanged',
    'core \u00a75.1.2 changed only by the ResourceInfo service metadata (serviceName, tags, iconUrl); this rule reads the same.',
  ],
  ['CL-2', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  [
    'CL-4',
    'unchanged',
    'core \u00a75.1.2 changed only by the ResourceInfo service metadata (serviceName, tags, iconUrl); this rule reads the same.',
  ],
  ['CL-23', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  [
    'CL-24',
    'unchanged',
    'core \u00a75.1.2 changed only by the ResourceInfo service metadata; the flow rules of core \u00a76.1 (newer) are issue 14 part B.',
  ],
  ['X-1', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  [
    'X-3',
    'unchanged',
    'core \u00a75.1.2 changed only by the ResourceInfo service metadata (serviceName, tags, iconUrl); this rule reads the same.',
  ],
  [
    'X-11',
    'unchanged',
    'core \u00a75.1.2 changed only by the ResourceInfo service metadata (serviceName, tags, iconUrl); this rule reads the same.',
  ],
  ['X-2', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['RS-3', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['RS-41', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['CL-21', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['RS-1', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['RS-2', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['RS-12', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['RS-14', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['RS-15', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['RS-16', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  [
    'RS-17',
    'reworded',
    'the failure receipt may carry the broadcast hash (settlement_pending); was transaction "".',
  ],
  ['RS-18', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['RS-34', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['RS-42', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['CL-1', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['CL-20', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['CL-35', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['CL-22', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['CL-18', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['CL-36', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  [
    'CL-37',
    'unchanged',
    'core \u00a75.1.2 changed only by the ResourceInfo service metadata (serviceName, tags, iconUrl); this rule reads the same.',
  ],
  ['CL-38', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['CL-39', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  [
    'CL-40',
    'unchanged',
    'EIP-3009 Phase 1 gained the eip3009 extra field definitions (#2044); the payload rule reads the same.',
  ],
  ['X-7', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['X-8', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['X-9', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  [
    'CL-5',
    'unchanged',
    'EIP-3009 Phase 1 gained the eip3009 extra field definitions (#2044); the payload rule reads the same.',
  ],
  [
    'CL-28',
    'unchanged',
    'EIP-3009 Phase 1 gained the eip3009 extra field definitions (#2044); the payload rule reads the same.',
  ],
  ['CL-29', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['CL-6', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['CL-30', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['CL-31', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  [
    'CL-32',
    'unchanged',
    'core \u00a75.1.2 changed only by the ResourceInfo service metadata (serviceName, tags, iconUrl); this rule reads the same.',
  ],
  ['CL-33', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  [
    'CL-7',
    'unchanged',
    'see-also re-cited from 03f722f to the pin (the eip3009 extra definitions are at the pin).',
  ],
  [
    'CL-25',
    'reworded',
    're-cited from 03f722f to the pin (eip3009 extra definitions, "required") and core \u00a76.1 (newer): absent means the mechanism default.',
  ],
  [
    'CL-26',
    'reworded',
    're-cited from 03f722f to core \u00a76.1 (newer): "Omitting extra.assetTransferMethod ... means the mechanism default".',
  ],
  ['CL-27', 'reworded', 're-cited from 03f722f to the pin Summary (same sentence).'],
  ['CL-43', 'unchanged', 'see-also re-cited from 03f722f to the pin.'],
  [
    'CL-44',
    'unchanged',
    'core \u00a75.1.2 changed only by the ResourceInfo service metadata (serviceName, tags, iconUrl); this rule reads the same.',
  ],
  [
    'CL-45',
    'unchanged',
    'core \u00a75.1.2 changed only by the ResourceInfo service metadata (serviceName, tags, iconUrl); this rule reads the same.',
  ],
  ['RS-9', 'unchanged', 're-cited from 03f722f to the pin ("extra.name (required)" is at the pin).'],
  [
    'RS-43',
    'unchanged',
    'core \u00a75.1.2 gained the ResourceInfo metadata and the exact EVM Summary says "three" transfer methods (was two); this rule reads the same.',
  ],
  ['RS-10', 'reworded', 're-cited from 03f722f to core \u00a76.1 (newer); 03f722f dropped as a source.'],
  ['FA-6', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['FA-7', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['FA-8', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['FA-34', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['FA-35', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['FA-9', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['FA-46', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['FA-10', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['FA-48', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['FA-11', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['FA-49', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['FA-50', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['FA-51', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['FA-12', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['FA-13', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['FA-14', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['FA-56', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  [
    'FA-15',
    'unchanged',
    'the exact EVM Summary now names three transfer methods (ERC-7710 added); this rule reads the same.',
  ],
  ['FA-16', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  [
    'FA-52',
    'unchanged',
    'the exact EVM Summary now names three transfer methods (ERC-7710 added); this rule reads the same.',
  ],
  ['FA-54', 'unchanged', 'Critical Validation Requirements gained a TON block; the EVM rule reads the same.'],
  ['FA-47', 'reworded', 're-cited from 03f722f to core \u00a76.1 (newer).'],
  ['RS-21', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  [
    'CL-8',
    'unchanged',
    'later: Permit2 Phase 2 gained the permit2 extra field definitions (name/version conditional); this rule reads the same.',
  ],
  ['FA-17', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  [
    'FA-18',
    'unchanged',
    'later: Permit2 Phase 2 gained the permit2 extra field definitions (name/version conditional); this rule reads the same.',
  ],
  ['FA-21', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['CL-34', 'unchanged', 'later: re-cited from 03f722f to the pin (erc7710 extra definitions).'],
  ['FA-1', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['FA-2', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  [
    'FA-3',
    'reworded',
    'VerifyResponse extensions and extra tolerated (92f06b5 adds extra; the newer core adds extensions).',
  ],
  [
    'FA-4',
    'reworded',
    'transaction is "" iff nothing was broadcast (core \u00a75.3.2, newer); the verdict looks a named failure transaction up on chain; the SDK deviation is now the spec.',
  ],
  ['FA-45', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['FA-53', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  [
    'FA-55',
    'reworded',
    'basis keyword: core \u00a77.1 (newer) "MUST NOT commit payment state or write onchain state"; was mechanism.',
  ],
  ['FA-44', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['FA-5', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['FA-36', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['FA-37', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['FA-38', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['FA-32', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['FA-40', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['FA-41', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['FA-42', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  [
    'FA-43',
    'reworded',
    'accepted sets regenerated from the @x402/* declaration sites; retired codes stay accepted for six months; \u00a79 (newer) adds settlement_pending.',
  ],
  ['RS-38', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['RS-39', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['RS-47', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['RS-48', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  [
    'FA-31',
    'reworded',
    'later: /discovery/resources gained payTo, scheme, network and extensions filters; /discovery/search moved to bazaar.md.',
  ],
  [
    'FA-39',
    'reworded',
    'later: \u00a78.2 became \u00a78.3; v2 lastUpdated is an ISO 8601 string (#3067), metadata became extensions.',
  ],
  ['RS-22', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['RS-23', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['RS-24', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['CL-11', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['CL-12', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['RS-25', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['RS-26', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['RS-11', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['CL-10', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['FA-22', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['FA-23', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['RS-20', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['CL-9', 'unchanged', 'later: the section is now "Phase 2: PAYMENT-SIGNATURE Header Payload".'],
  ['FA-24', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  [
    'FA-25',
    'reworded',
    'later: split; this row keeps the verify-time order (Phase 3: Verification Logic), FA-57 takes the settle-time amount rule.',
  ],
  ['FA-26', 'unchanged', 'later: the section is now "Phase 2: PAYMENT-SIGNATURE Header Payload".'],
  ['FA-27', 'unchanged', 'later: file renamed batch_settlement.md -> scheme_batch_settlement.md.'],
  [
    'RS-31',
    'unchanged',
    're-cited from foundation 4a3c23e to the pin (the binding landed, #2051); the cited sections and quotes are at the pin; newer main changes (minDeposit server-only, untrusted response extra) are after the pin.',
  ],
  [
    'RS-44',
    'unchanged',
    're-cited from foundation 4a3c23e to the pin (the binding landed, #2051); the cited sections and quotes are at the pin; newer main changes (minDeposit server-only, untrusted response extra) are after the pin.',
  ],
  [
    'RS-45',
    'unchanged',
    're-cited from foundation 4a3c23e to the pin (the binding landed, #2051); the cited sections and quotes are at the pin; newer main changes (minDeposit server-only, untrusted response extra) are after the pin.',
  ],
  [
    'RS-46',
    'unchanged',
    're-cited from foundation 4a3c23e to the pin (the binding landed, #2051); the cited sections and quotes are at the pin; newer main changes (minDeposit server-only, untrusted response extra) are after the pin.',
  ],
  [
    'CL-15',
    'unchanged',
    're-cited from foundation 4a3c23e to the pin (the binding landed, #2051); the cited sections and quotes are at the pin; newer main changes (minDeposit server-only, untrusted response extra) are after the pin.',
  ],
  [
    'CL-41',
    'unchanged',
    're-cited from foundation 4a3c23e to the pin (the binding landed, #2051); the cited sections and quotes are at the pin; newer main changes (minDeposit server-only, untrusted response extra) are after the pin.',
  ],
  [
    'CL-42',
    'unchanged',
    're-cited from foundation 4a3c23e to the pin (the binding landed, #2051); the cited sections and quotes are at the pin; newer main changes (minDeposit server-only, untrusted response extra) are after the pin.',
  ],
  [
    'FA-28',
    'unchanged',
    're-cited from foundation 4a3c23e to the pin (the binding landed, #2051); the cited sections and quotes are at the pin; newer main changes (minDeposit server-only, untrusted response extra) are after the pin.',
  ],
  ['RS-32', 'unchanged', 'later: file renamed to scheme_batch_settlement_cloudflare.md.'],
  ['CL-17', 'unchanged', 'later: file renamed to scheme_batch_settlement_cloudflare.md.'],
  ['X-5', 'unchanged', 'later: file renamed to scheme_batch_settlement_cloudflare.md.'],
  [
    'RS-27',
    'reworded',
    'later: domain binds to the configured origin, never request headers (#2859, after the pin), recorded as a deviation; the pin text still says "request host".',
  ],
  ['RS-28', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['RS-29', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['RS-30', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['CL-13', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['CL-16', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['FA-19', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['FA-20', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['FA-29', 'reworded', 'later: the MCP key is (resource.url, input.toolName), was tool.'],
  [
    'FA-30',
    'reworded',
    'later: re-cited to core \u00a77.2.1 (newer, #3306), the sidechannel is facilitator-to-server; bazaar.md kept as see-also.',
  ],
  ['FA-33', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  ['X-4', 'unchanged', 'cited sections identical at dd927a2 and 92f06b5.'],
  [
    'FA-57',
    'new',
    'the settle-time upto amount rule split out of FA-25 (scheme_upto_evm Phase 4 Settlement Amount Rules at the pin; Settle-Time Verification, #2607); covered by the upto facilitator cases (suites/facilitator/cases/permit2.ts).',
  ],
  [
    'FA-58',
    'new',
    'settlement_pending names its broadcast transaction and network (core §9 and §5.3.2, newer; #3083); case facilitator.settle.pending, known-bad pending-without-transaction.',
  ],
  [
    'FA-59',
    'new',
    'a repeated settle after settlement_pending reconciles to the broadcast transaction without broadcasting again (core §9, newer); case facilitator.settle.pending, known-bad pending-forgets-broadcast.',
  ],
  [
    'RS-49',
    'new',
    'nothing is served while settles answer settlement_pending (core §9, newer); case server.failure.settle-pending, known-bad delivers-on-pending.',
  ],
  [
    'RS-50',
    'new',
    'SHOULD reconcile a settlement_pending answer by settling again (core §9, newer; server auto-retry #3214); case server.failure.settle-pending-retry, known-bad gives-up-on-pending.',
  ],
  [
    'RS-51',
    'new',
    'EXTENSION-RESPONSES is never forwarded to the buyer (core §7.2.1, newer; #3306), replacing CL-14; case server.extension-responses.not-forwarded, known-bad forwards-extension-responses.',
  ],
  [
    'CL-14',
    'retired',
    'tombstone: EXTENSION-RESPONSES is a facilitator-to-server sidechannel never forwarded to buyers (core §7.2.1, #3306); the client SHOULD-read sentence is gone. RS-51 replaces it from the server side.',
  ],
]

/** Every record, in catalogue order (retired ids last). */
export const reviewRecords: readonly ReviewRecord[] = Object.freeze(
  rows.map(([id, outcome, note]) => Object.freeze({ id, outcome, note })),
)

/** The record of an id, if the review has one. */
export function reviewOf(id: string): ReviewRecord | undefined {
  return reviewRecords.find((record) => record.id === id)
}
