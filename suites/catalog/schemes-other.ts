/**
 * Schemes and networks beyond `exact` on EVM with EIP-3009: `exact` on SVM, `upto`, and
 * `batch-settlement` (abstract, Cloudflare, EVM). Listed so the report shows them as uncovered by design.
 */
import { batchEvm, specFile } from './cite.ts'
import type { RequirementInput } from './types.ts'

const SVM_LATER = 'exact on SVM (Solana) is out of scope for now (EVM first; the devnet is an EVM chain)'
const CLOUDFLARE_LATER =
  'the cloudflare:402 batch-settlement network is a hosted service the suite cannot run offline'

const svm: readonly RequirementInput[] = [
  {
    id: 'RS-11',
    level: 'schema',
    role: 'server',
    versions: [1, 2],
    statement:
      "For exact on SVM, each requirement's extra carries feePayer, the public key that pays the transaction fee.",
    quote: '`extra.feePayer`: The public key of the account that will pay for the transaction fees.',
    spec: specFile('schemes/exact/scheme_exact_svm.md', '`PaymentRequirements` for `exact`'),
    basis: 'schema-table',
    scope: 'later',
    scopeReason: SVM_LATER,
  },
  {
    id: 'CL-10',
    level: 'MUST',
    role: 'client',
    versions: [1, 2],
    statement:
      'An SVM client includes a Memo instruction holding extra.memo when present, otherwise a random nonce of at least 16 bytes, hex-encoded.',
    quote:
      'Clients MUST include a Memo instruction containing either the value of `extra.memo` (when present) or a random nonce',
    spec: specFile('schemes/exact/scheme_exact_svm.md', 'Facilitator Verification Rules (MUST)'),
    basis: 'keyword',
    scope: 'later',
    scopeReason: SVM_LATER,
  },
  {
    id: 'FA-22',
    level: 'MUST',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      'An SVM facilitator enforces the instruction layout, fee-payer safety, compute-price bound, destination ATA and exact amount rules before sponsoring a transaction; it may be stricter, never looser.',
    quote: 'A facilitator verifying an `exact`-scheme SVM payment MUST enforce all of the following checks',
    spec: specFile('schemes/exact/scheme_exact_svm.md', 'Facilitator Verification Rules (MUST)'),
    seeAlso: [specFile('schemes/exact/scheme_exact.md', 'Critical Validation Requirements / SVM')],
    basis: 'keyword',
    scope: 'later',
    scopeReason: SVM_LATER,
  },
  {
    id: 'FA-23',
    level: 'SHOULD',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      'An SVM facilitator keeps a cache of transactions in flight and rejects a duplicate with duplicate_settlement, evicting entries after 120 s.',
    spec: specFile('schemes/exact/scheme_exact_svm.md', 'Duplicate Settlement Mitigation (RECOMMENDED)'),
    basis: 'keyword',
    acceptedReasons: ['duplicate_settlement'],
    scope: 'later',
    scopeReason: SVM_LATER,
  },
]

const upto: readonly RequirementInput[] = [
  {
    id: 'RS-20',
    level: 'MUST',
    role: 'server',
    versions: [2],
    statement:
      'For upto, the server sets paymentRequirements.amount in its /settle call to the actual charge, at most the authorized maximum.',
    quote:
      "The resource server MUST set the `amount` field in the `PaymentRequirements` passed to the facilitator's settle endpoint to the desired settlement amount.",
    spec: specFile(
      'schemes/upto/scheme_upto.md',
      '5. Phase-Dependent `amount` Semantics in `PaymentRequirements`',
    ),
    basis: 'keyword',
  },
  {
    id: 'CL-9',
    level: 'MUST',
    role: 'client',
    versions: [2],
    statement:
      'An upto client puts the facilitator address announced in /supported (extra.facilitatorAddress) into permit2Authorization.witness.facilitator.',
    quote:
      'The client MUST include this `facilitatorAddress` in the `permit2Authorization.witness.facilitator` field',
    spec: specFile(
      'schemes/upto/scheme_upto_evm.md',
      '1. AssetTransferMethod: `Permit2` / Phase 2: PAYMENT-SIGNATURE Header Payload',
    ),
    basis: 'keyword',
  },
]

const batch: readonly RequirementInput[] = [
  {
    id: 'FA-27',
    level: 'MUST',
    role: 'facilitator',
    versions: [2],
    statement: 'A successful batch-settlement result includes a non-empty commitment identifier.',
    quote: 'The settlement result MUST include a non-empty commitment identifier on success.',
    spec: specFile(
      'schemes/batch-settlement/scheme_batch_settlement.md',
      'Protocol behavior / Commitment identifier',
    ),
    basis: 'keyword',
    scope: 'later',
    scopeReason:
      'the EVM binding contradicts it: its Payment Response Contract gives a voucher-only result `transaction: ""` (scheme_batch_settlement_evm.md), so no EVM implementation can meet both; left out until the spec settles which rule holds',
  },
  {
    id: 'RS-31',
    level: 'MUST',
    role: 'server',
    versions: [2],
    statement:
      'A batch-settlement EVM server checks maxClaimableAmount == chargedCumulativeAmount + amount (else a corrective 402 with invalid_batch_settlement_evm_cumulative_amount_mismatch), serialises requests per channel and commits state only after the handler succeeds.',
    quote:
      'The server must serialize request processing per channel and must not update voucher state until the resource handler has succeeded.',
    spec: batchEvm('Server: State & Forwarding / Request Processing'),
    seeAlso: [batchEvm('Client Verification Rules / Recovery After State Loss')],
    basis: 'keyword',
  },
  {
    id: 'RS-44',
    level: 'MUST',
    role: 'server',
    versions: [2],
    statement:
      'A batch-settlement EVM offer carries extra.receiverAuthorizer (a non-zero address), extra.withdrawDelay (15 minutes to 30 days), and the token domain extra.name and extra.version.',
    spec: batchEvm('402 Response (PaymentRequirements)'),
    basis: 'schema-table',
  },
  {
    id: 'RS-45',
    level: 'MUST',
    role: 'server',
    versions: [2],
    statement:
      'A batch-settlement EVM server charges at most the requirement amount per request and reports it: a voucher-only response has transaction "", amount "", extra.chargedAmount and extra.channelState (chargedCumulativeAmount grown by the charge); a deposit response has the deposit transaction and amount.',
    quote: 'chargedCumulativeAmount += actualPrice (where actualPrice <= PaymentRequirements.amount)',
    spec: batchEvm('Server: State & Forwarding / Payment Response Contract'),
    seeAlso: [batchEvm('Server: State & Forwarding / Request Processing')],
    basis: 'keyword',
  },
  {
    id: 'RS-46',
    level: 'MUST',
    role: 'server',
    versions: [2],
    statement:
      'A batch-settlement EVM server takes a refund only with a zero-charge voucher equal to chargedCumulativeAmount, does not run the resource handler for it, and answers with the refund transaction, the refunded amount and the post-refund channel state (no chargedAmount).',
    spec: batchEvm('Server: State & Forwarding / Cooperative refund flow'),
    basis: 'keyword',
  },
  {
    id: 'CL-15',
    level: 'MUST',
    role: 'client',
    versions: [2],
    statement:
      "Before signing the next voucher, a batch-settlement EVM client checks the server's charged amount, cumulative consistency, balance and channel id, and stops signing when a check fails.",
    spec: batchEvm('Client Verification Rules / Steady State'),
    basis: 'keyword',
  },
  {
    id: 'CL-41',
    level: 'MUST',
    role: 'client',
    versions: [2],
    statement:
      'A batch-settlement EVM client builds its channel config from the offer (payTo as receiver, extra.receiverAuthorizer, asset as token, extra.withdrawDelay) with the channel id as its EIP-712 hash; without a funded channel it deposits through the ERC-3009 collector with a first voucher of the amount, and otherwise signs a voucher of chargedCumulativeAmount + amount on the same channel.',
    spec: batchEvm('Client: Payment Construction'),
    seeAlso: [
      batchEvm('402 Response (PaymentRequirements)'),
      batchEvm('Channel Lifecycle / Requests and vouchers'),
    ],
    basis: 'mechanism',
  },
  {
    id: 'CL-42',
    level: 'MUST',
    role: 'client',
    versions: [2],
    statement:
      "On a corrective 402 a batch-settlement EVM client adopts channelState.chargedCumulativeAmount only after verifying voucherState's signature against its own voucher signer (and that the amount does not exceed signedMaxClaimable), then retries with that amount plus the price.",
    quote:
      'The client verifies the voucher signature before adopting `chargedCumulativeAmount` and retrying.',
    spec: batchEvm('Client Verification Rules / Recovery After State Loss'),
    basis: 'keyword',
  },
  {
    id: 'FA-28',
    level: 'MUST',
    role: 'facilitator',
    versions: [2],
    statement:
      "A batch-settlement EVM facilitator applies the binding's verification rules and returns a channel snapshot with every /verify and /settle answer.",
    spec: batchEvm('Facilitator Interface / Verification Rules'),
    basis: 'keyword',
  },
  {
    id: 'RS-32',
    level: 'MUST',
    role: 'server',
    versions: [2],
    statement:
      'On cloudflare:402, requirements have scheme "batch-settlement", network "cloudflare:402", payTo "merchant" and a semver extra.version.',
    quote: '`payTo`: Must be `"merchant"` (constant indicating the network handles settlement)',
    spec: specFile(
      'schemes/batch-settlement/scheme_batch_settlement_cloudflare.md',
      'PaymentRequired for batch-settlement',
    ),
    basis: 'keyword',
    scope: 'later',
    scopeReason: CLOUDFLARE_LATER,
  },
  {
    id: 'CL-17',
    level: 'SHOULD',
    role: 'client',
    versions: [2],
    statement:
      'A cloudflare:402 client does not cache prices when maxTimeoutSeconds is 0 or absent, and checks extra.version for breaking changes.',
    quote: 'Clients should not cache pricing information across requests when timeout is zero or absent.',
    spec: specFile(
      'schemes/batch-settlement/scheme_batch_settlement_cloudflare.md',
      'PaymentRequired for batch-settlement',
    ),
    seeAlso: [
      specFile(
        'schemes/batch-settlement/scheme_batch_settlement_cloudflare.md',
        'Appendix / Network Version',
      ),
    ],
    basis: 'keyword',
    scope: 'later',
    scopeReason: CLOUDFLARE_LATER,
  },
  {
    id: 'X-5',
    level: 'MUST',
    role: 'any',
    versions: [2],
    statement:
      'On cloudflare:402 every request is signed with HTTP Message Signatures covering @authority, signature-agent and payment-signature.',
    quote: 'The signature **MUST** include the following components:',
    spec: specFile(
      'schemes/batch-settlement/scheme_batch_settlement_cloudflare.md',
      'Appendix / Security Considerations',
    ),
    basis: 'keyword',
    scope: 'later',
    scopeReason: CLOUDFLARE_LATER,
  },
]

/** SVM, upto and batch-settlement entries, all `later`. */
export const otherSchemeRequirements: readonly RequirementInput[] = [...svm, ...upto, ...batch]
