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
    'RS-56',
    'new',
    'The paid resource is not served without payment under any spelling of its path that reaches its handler: percent-encoded (`%2F`, `%5C`, encoded characters), dot-segments (`/a/../paid`, `%2e%2e`), doubled or trailing slashes, changed case, `;` parameters, backslashes and the absolute-form request target; each is answered 402 like the canonical path, or not routed at all (x402-specification-v2.md "§2. Core Payment Flow", 92f06b5); case server.paywall.path-variants.',
  ],
  [
    'FA-60',
    'new',
    'A settlement is reported success true only when its transaction holds the asset\'s own Transfer(from, payTo, amount); a transaction that mined with status success but paid payTo less (a fee-on-transfer token) is a settlement failure, so a receipt status is never the proof of payment (schemes/exact/scheme_exact.md "Asset Transfer Method Families / Facilitator-submitted", 02834ce); case facilitator.settle.transfer-event.',
  ],
  [
    'RS-57',
    'new',
    'The PaymentRequired of an MCP server\'s isError tool result is a valid v2 PaymentRequired (x402Version 2, resource, accepts of well-formed requirements) (transports-v2/mcp.md "Payment Flow Overview / Payment Required Signaling", 92f06b5); case mcp-server.challenge.schema.',
  ],
  [
    'RS-58',
    'new',
    'An MCP server runs a paid tool only after verifying its payment: a call without payment does not execute the tool (transports-v2/mcp.md "Payment Flow Overview", 92f06b5); case mcp-server.challenge.tool-not-run.',
  ],
  [
    'RS-59',
    'new',
    'A call whose _meta["x402/payment"] is not a valid PaymentPayload object (garbage, a string, the wrong shape) gets an isError PaymentRequired result, never the tool\'s content (transports-v2/mcp.md "Error Handling", 92f06b5); cases mcp-server.payment.not-a-payload, mcp-server.hostile.underpayment, mcp-server.hostile.expired, mcp-server.hostile.wrong-pay-to, mcp-server.hostile.wrong-asset, mcp-server.hostile.wrong-network, mcp-server.hostile.altered-accepted.',
  ],
  [
    'RS-60',
    'new',
    'The value of result._meta["x402/payment-response"] is a SettlementResponse object (not a string or base64) describing the settlement the chain shows (transports-v2/mcp.md "Settlement Response Delivery", 92f06b5); case mcp-server.payment.honest.',
  ],
  [
    'RS-61',
    'new',
    'A payment an MCP server must refuse (underpaid, expired, to another payTo, another asset or network, an altered accepted, a replay, a concurrent copy of a settled one) buys no tool content, and no more than one settlement ever happens per authorization (transports-v2/mcp.md "Payment Flow Overview", 92f06b5); cases mcp-server.hostile.underpayment, mcp-server.hostile.expired, mcp-server.hostile.wrong-pay-to, mcp-server.hostile.wrong-asset, mcp-server.hostile.wrong-network, mcp-server.hostile.altered-accepted, mcp-server.hostile.replay, mcp-server.hostile.concurrent-copies.',
  ],
  [
    'RS-62',
    'new',
    'When settlement fails, the MCP server returns a tool result with isError true carrying a PaymentRequired, as for payment required signaling (transports-v2/mcp.md "Settlement Response Delivery / Settlement Failure", 92f06b5); case mcp-server.failure.settle-rejected.',
  ],
  [
    'RS-63',
    'new',
    'A paid call whose tool fails (the handler throws or returns isError) is not settled: the payer is not charged for an error (transports-v2/mcp.md "Payment Flow Overview", 92f06b5); case mcp-server.failure.handler-error.',
  ],
  [
    'CL-49',
    'new',
    'The paid retry of an MCP client calls the same tool with the same arguments, adding the payment in _meta only (transports-v2/mcp.md "Payment Flow Overview", 92f06b5); case mcp-client.payment.same-call.',
  ],
  [
    'CL-50',
    'new',
    'An MCP client makes at most one paid retry per call: a paid call answered with another PaymentRequired is not paid again (transports-v2/mcp.md "Payment Flow Overview", 92f06b5); case mcp-client.payment.one-retry.',
  ],
  [
    'CL-51',
    'new',
    'An MCP client pays only a tool result that asks for payment (isError true with a PaymentRequired): a completed result or an ordinary tool error is never paid (transports-v2/mcp.md "Payment Required Signaling", 92f06b5); case mcp-client.detection.not-payment-required.',
  ],
  [
    'CL-52',
    'new',
    'An MCP client never sends its payment under another key (the pre-spec dotted _meta["x402.payment"], base64 or not) or in the tool arguments, even when the server asks for that legacy wire (transports-v2/mcp.md "Payment Payload Transmission", 92f06b5); cases mcp-client.payment.meta-object, mcp-client.wire.legacy-dotted-key.',
  ],
  [
    'FA-61',
    'new',
    'A valid Permit2 exact payment settles through the x402ExactPermit2Proxy in one successful transaction that moves exactly permitted.amount of the asset from the payer to payTo (schemes/exact/scheme_exact_evm.md "2. AssetTransferMethod: Permit2 / Phase 4: Settlement Logic", 92f06b5); case facilitator.permit2.valid.',
  ],
  [
    'FA-62',
    'new',
    'A Permit2 authorization is one-time use: a second /settle of a settled payment is not a success and moves nothing (schemes/exact/scheme_exact_evm.md "Summary", 92f06b5).',
  ],
  [
    'FA-63',
    'new',
    'A zero upto settlement needs no transaction: it moves nothing and its SettleResponse has transaction "" and amount "0" (schemes/upto/scheme_upto_evm.md "1. AssetTransferMethod: `Permit2` / Phase 4: Settlement Logic", 92f06b5); case facilitator.upto.zero-settle.',
  ],
  [
    'FA-64',
    'new',
    'An upto payment whose witness.facilitator is not the facilitator is refused: the authorization is bound to the facilitator the client signed for (schemes/upto/scheme_upto_evm.md "1. AssetTransferMethod: `Permit2` / Phase 2: `PAYMENT-SIGNATURE` Header Payload", 92f06b5); case facilitator.upto.other-facilitator.',
  ],
  [
    'RS-52',
    'new',
    'A server whose payment flow is not authorization (it settles before the resource, without a verify first) declares that flow in the offer\'s extra.paymentFlow (x402-specification-v2.md "§6.1 Asset Transfer Methods and Payment Flow Models", 8efa37d); case server.flow.declared.',
  ],
  [
    'RS-53',
    'new',
    'A server refuses a payment whose accepted terms name an assetTransferMethod or paymentFlow it does not support for the offer: nothing is delivered and nothing settled (x402-specification-v2.md "§6.1 Asset Transfer Methods and Payment Flow Models", 8efa37d); case server.flow.unsupported-flow.',
  ],
  [
    'RS-54',
    'new',
    'At least one check (a verify, or a settle before the resource) runs before the resource executes: what a black box sees is that a delivered resource never reaches the client before the facilitator answered a check of its payment (x402-specification-v2.md "§6.1 Asset Transfer Methods and Payment Flow Models", 8efa37d); case server.flow.check-before-resource.',
  ],
  [
    'CL-46',
    'new',
    'A client does not pay an accepts entry whose extra.paymentFlow it does not recognise, and skips such entries when choosing (SHOULD): it pays a recognised entry beside them (x402-specification-v2.md "§6.1 Asset Transfer Methods and Payment Flow Models", 8efa37d); cases client.flow.unknown-flow, client.flow.skips-unknown-flow.',
  ],
  [
    'CL-47',
    'new',
    'Offered the same payment under authorization and under a pre-handler flow (upfront), a client chooses authorization (x402-specification-v2.md "§6.1 Asset Transfer Methods and Payment Flow Models", 8efa37d); case client.flow.prefers-authorization.',
  ],
  [
    'RS-55',
    'new',
    'A server advertising payment-identifier answers 409 Conflict to a payment that reuses an id with a different payload, and neither settles it nor delivers (extensions/payment_identifier.md "Idempotency Behavior", 0ce3e9c); case server.payment-identifier.conflict.',
  ],
  [
    'CL-48',
    'new',
    'A client that uses payment-identifier echoes the extension with an info.id of 16 to 128 characters from [A-Za-z0-9_-], and a new id for a new payment (extensions/payment_identifier.md "`id` Format", 0ce3e9c); case client.payment-identifier.id.',
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
