/**
 * Error reason codes (`invalidReason`, `errorReason`) as the spec and the reference SDKs spell them, and
 * the accepted-code sets facilitator and server cases compare against. The SDKs disagree with each other
 * and with the spec's §9 names, so a case accepts a set, never one string (x402-digest §2.5, §3.6).
 */

import { SDK_DECLARED } from './reason-codes-sdk.ts'

const SPEC_V1_EVM_VALUE = 'invalid_exact_evm_payload_authorization_value'
const SPEC_V2_EVM_VALUE = 'invalid_exact_evm_payload_authorization_value_mismatch'

const SPEC_SHARED_BEFORE = [
  'insufficient_funds',
  'invalid_exact_evm_payload_authorization_valid_after',
  'invalid_exact_evm_payload_authorization_valid_before',
] as const

const SPEC_SHARED_AFTER = [
  'invalid_exact_evm_payload_signature',
  'invalid_exact_evm_payload_recipient_mismatch',
  'invalid_network',
  'invalid_payload',
  'invalid_payment_requirements',
  'invalid_scheme',
  'unsupported_scheme',
  'invalid_x402_version',
  'invalid_transaction_state',
  'unexpected_verify_error',
  'unexpected_settle_error',
] as const

const SVM_TX = 'invalid_exact_svm_payload_transaction'

/** The name of one list in `REASON_CODE_LISTS` (x402-digest §3.6 (a)–(f)). */
export type ReasonCodeSource = 'specV2' | 'specV1' | 'legacyX402' | 'tsEvm' | 'go' | 'tsCore'

/**
 * Every reason-code list of x402-digest §3.6, by source. (g)–(k) (upto, batch-settlement, Cloudflare,
 * CDP, A2A) are left out: none of them is in scope for the accepted sets.
 */
export const REASON_CODE_LISTS: Readonly<Record<ReasonCodeSource, readonly string[]>> = Object.freeze({
  /** (a) x402-specification-v2.md §9, the normative names. */
  specV2: Object.freeze([...SPEC_SHARED_BEFORE, SPEC_V2_EVM_VALUE, ...SPEC_SHARED_AFTER]),
  /** (b) x402-specification-v1.md §9: (a) with `…_value` ("Payment amount is insufficient") for `…_value_mismatch`. */
  specV1: Object.freeze([...SPEC_SHARED_BEFORE, SPEC_V1_EVM_VALUE, ...SPEC_SHARED_AFTER]),
  /** (c) legacy `x402` 1.2.0 `ErrorReasons` (the v1 reference): (b) plus these. */
  legacyX402: Object.freeze([
    ...SPEC_SHARED_BEFORE,
    SPEC_V1_EVM_VALUE,
    ...SPEC_SHARED_AFTER,
    'invalid_exact_evm_payload_undeployed_smart_wallet',
    'invalid_payment',
    'payment_expired',
    'duplicate_settlement',
    'settle_exact_svm_block_height_exceeded',
    'settle_exact_svm_transaction_confirmation_timed_out',
    SVM_TX,
    `${SVM_TX}_amount_mismatch`,
    `${SVM_TX}_create_ata_instruction`,
    `${SVM_TX}_create_ata_instruction_incorrect_payee`,
    `${SVM_TX}_create_ata_instruction_incorrect_asset`,
    `${SVM_TX}_instructions`,
    `${SVM_TX}_instructions_length`,
    `${SVM_TX}_instructions_compute_limit_instruction`,
    `${SVM_TX}_instructions_compute_price_instruction`,
    `${SVM_TX}_instructions_compute_price_instruction_too_high`,
    `${SVM_TX}_instruction_not_spl_token_transfer_checked`,
    `${SVM_TX}_instruction_not_token_2022_transfer_checked`,
    `${SVM_TX}_fee_payer_included_in_instruction_accounts`,
    `${SVM_TX}_fee_payer_transferring_funds`,
    `${SVM_TX}_not_a_transfer_instruction`,
    `${SVM_TX}_receiver_ata_not_found`,
    `${SVM_TX}_sender_ata_not_found`,
    `${SVM_TX}_simulation_failed`,
    `${SVM_TX}_transfer_to_incorrect_ata`,
  ]),
  /** (d) TS `@x402/evm` 2.27 `exact/facilitator/errors.ts`. */
  tsEvm: Object.freeze([
    'asset_not_deployed_contract',
    'invalid_exact_evm_scheme',
    'invalid_exact_evm_network_mismatch',
    'invalid_exact_evm_missing_eip712_domain',
    'invalid_exact_evm_recipient_mismatch',
    'invalid_exact_evm_signature',
    'invalid_exact_evm_payload_authorization_valid_before',
    'invalid_exact_evm_payload_authorization_valid_after',
    'invalid_exact_evm_authorization_value',
    'invalid_exact_evm_payload_authorization_value_mismatch',
    'invalid_exact_evm_payload_undeployed_smart_wallet',
    'invalid_exact_evm_transaction_failed',
    'invalid_exact_evm_transfer_event_mismatch',
    'invalid_exact_evm_token_name_mismatch',
    'invalid_exact_evm_token_version_mismatch',
    'invalid_exact_evm_eip3009_not_supported',
    'invalid_exact_evm_nonce_already_used',
    'invalid_exact_evm_insufficient_balance',
    'invalid_exact_evm_transaction_simulation_failed',
    'invalid_exact_evm_failed_to_parse_signature',
    'invalid_permit2_spender',
    'invalid_permit2_recipient_mismatch',
    'permit2_deadline_expired',
    'permit2_not_yet_valid',
    'permit2_amount_mismatch',
    'permit2_token_mismatch',
    'invalid_permit2_signature',
    'permit2_allowance_required',
    'permit2_simulation_failed',
    'permit2_insufficient_balance',
    'permit2_proxy_not_deployed',
    'permit2_invalid_amount',
    'permit2_invalid_destination',
    'permit2_invalid_owner',
    'permit2_payment_too_early',
    'permit2_invalid_nonce',
    'permit2_2612_amount_mismatch',
    // upto (src/upto/facilitator/errors.ts, 2.27)
    'invalid_upto_evm_payload_settlement_exceeds_amount',
    'upto_amount_exceeds_permitted',
    'upto_unauthorized_facilitator',
    'upto_facilitator_mismatch',
    'invalid_upto_evm_transaction_failed',
    'invalid_eip2612_extension_format',
    'eip2612_from_mismatch',
    'eip2612_asset_mismatch',
    'eip2612_spender_not_permit2',
    'eip2612_deadline_expired',
    'invalid_erc20_approval_extension_format',
    'erc20_approval_from_mismatch',
    'erc20_approval_asset_mismatch',
    'erc20_approval_spender_not_permit2',
    'erc20_approval_tx_wrong_target',
    'erc20_approval_tx_wrong_selector',
    'erc20_approval_tx_wrong_spender',
    'erc20_approval_tx_invalid_calldata',
    'erc20_approval_tx_signer_mismatch',
    'erc20_approval_tx_invalid_signature',
    'erc20_approval_tx_parse_failed',
    'erc20_approval_tx_failed',
    'erc20_approval_broadcast_failed',
    'unsupported_payload_type',
    'invalid_transaction_state',
    'eip6492_factory_not_allowed',
    'smart_wallet_deployment_failed',
    'settlement_pending',
  ]),
  /** (e) Go exact EVM (besides the shared codes), then Go core. */
  go: Object.freeze([
    'invalid_exact_evm_payload',
    'invalid_exact_evm_payload_missing_signature',
    'invalid_exact_evm_failed_to_get_network_config',
    'invalid_exact_evm_required_amount',
    'invalid_exact_evm_failed_to_check_nonce',
    'invalid_exact_evm_failed_to_get_balance',
    'invalid_exact_evm_signature_format',
    'invalid_exact_evm_failed_to_verify_signature',
    'invalid_exact_evm_verification_failed',
    'invalid_exact_evm_failed_to_parse_signature',
    'invalid_exact_evm_failed_to_check_deployment',
    'invalid_exact_evm_failed_to_execute_transfer',
    'invalid_exact_evm_failed_to_get_receipt',
    'invalid_version',
    'invalid_v1_payload',
    'invalid_v1_requirements',
    'invalid_v2_payload',
    'invalid_v2_requirements',
    'no_facilitator_for_network',
    'invalid_response',
  ]),
  /** (f) TS SDK core / resource-server codes. */
  tsCore: Object.freeze([
    'before_verify_hook_error',
    'before_settle_hook_error',
    'extension_echo_mismatch',
    'settlement_override_exceeds_ceiling',
  ]),
})

/** Every code of every list in `REASON_CODE_LISTS`. */
export const KNOWN_REASON_CODES: ReadonlySet<string> = new Set([
  ...Object.values(REASON_CODE_LISTS).flat(),
  // Every code the installed @x402/* builds declare (scripts/spec-reason-codes.ts).
  ...SDK_DECLARED,
])

/** The lists a code appears in (empty when the code is unknown). */
export function reasonCodeSources(code: string): ReasonCodeSource[] {
  const sources: ReasonCodeSource[] = ['specV2', 'specV1', 'legacyX402', 'tsEvm', 'go', 'tsCore']
  return sources.filter((source) => REASON_CODE_LISTS[source].includes(code))
}

const signature = [
  'invalid_exact_evm_payload_signature', // spec §9, legacy x402, Python
  'invalid_exact_evm_signature', // TS, Go
  'invalid_exact_evm_failed_to_parse_signature', // TS, Go: not a signature at all
  'invalid_exact_evm_signature_format', // Go
  'invalid_exact_evm_failed_to_verify_signature', // Go
  'invalid_exact_evm_payload_undeployed_smart_wallet', // TS/legacy: a non-65-byte signature from an address with no code
] as const

const simulationFailed = [
  'invalid_exact_evm_transaction_simulation_failed', // TS, Go, Python: the generic simulation result
  'invalid_transaction_state', // spec §9 "Blockchain transaction failed or was rejected"
  'invalid_exact_evm_token_name_mismatch', // TS diagnosis: extra.name is not the token's
  'invalid_exact_evm_token_version_mismatch', // TS diagnosis: extra.version is not the token's
  'invalid_exact_evm_eip3009_not_supported', // TS diagnosis: the asset has no EIP-3009
  'invalid_exact_evm_nonce_already_used',
  'invalid_exact_evm_insufficient_balance',
  'insufficient_funds',
  'unexpected_verify_error',
] as const

/** The name of one accepted-code set. */
export type AcceptedReasonKind =
  | 'amountMismatch'
  | 'signature'
  | 'recipient'
  | 'validBefore'
  | 'validAfter'
  | 'nonceUsed'
  | 'insufficientFunds'
  | 'network'
  | 'asset'
  | 'scheme'
  | 'version'
  | 'malformedPayload'
  | 'malformedRequirements'
  | 'simulationFailed'
  | 'settlementFailed'

/**
 * The accepted-code sets, one per kind of failure. Each holds the spec's code (where §9 has one) and
 * the variants the reference SDKs send for the same failure; nothing else, so a facilitator answering
 * with an unrelated code is still caught.
 */
export const acceptedReasons: Readonly<Record<AcceptedReasonKind, readonly string[]>> = Object.freeze({
  /** `authorization.value` is not the required amount (v2: any difference; v1: below it). */
  amountMismatch: Object.freeze([
    SPEC_V2_EVM_VALUE, // spec v2 §9, TS 2.27 v2 path, Go, Python
    SPEC_V1_EVM_VALUE, // spec v1 §9, legacy x402 1.2
    'invalid_exact_evm_authorization_value', // TS 2.10 v2 path, TS 2.27 v1 path (ExactEvmSchemeV1)
  ]),
  /** The signature is invalid or not by `authorization.from`. */
  signature: Object.freeze([...signature]),
  /** `authorization.to` is not the requirements' `payTo`. */
  recipient: Object.freeze([
    'invalid_exact_evm_payload_recipient_mismatch', // spec §9, legacy x402, Python
    'invalid_exact_evm_recipient_mismatch', // TS, Go
  ]),
  /** `validBefore` has passed (or is inside the SDKs' 6-second buffer). */
  validBefore: Object.freeze(['invalid_exact_evm_payload_authorization_valid_before', 'payment_expired']),
  /** `validAfter` is in the future. */
  validAfter: Object.freeze(['invalid_exact_evm_payload_authorization_valid_after']),
  /** The EIP-3009 nonce was already used: at /verify (simulation) or at a second /settle. */
  nonceUsed: Object.freeze([
    'invalid_exact_evm_nonce_already_used', // TS, Python diagnosis
    'invalid_transaction_state', // spec §9
    'invalid_exact_evm_transaction_simulation_failed', // a simulation without diagnosis
    'invalid_exact_evm_transaction_failed', // TS settle: the transaction reverted
    'invalid_exact_evm_failed_to_execute_transfer', // Go settle
    'duplicate_settlement', // legacy x402
    'unexpected_verify_error', // spec §9 catch-all, seen for a replay at /verify
    'unexpected_settle_error', // spec §9 catch-all, seen for a replay at /settle
  ]),
  /** The payer's token balance is below the amount. */
  insufficientFunds: Object.freeze([
    'insufficient_funds', // spec §9, legacy x402
    'invalid_exact_evm_insufficient_balance', // TS, Python (simulation diagnosis)
  ]),
  /** The payment's network differs from the requirements', or the network is not supported. */
  network: Object.freeze([
    'invalid_network', // spec §9, legacy x402
    'invalid_exact_evm_network_mismatch', // TS, Go
    'no_facilitator_for_network', // Go core
    'invalid_exact_evm_failed_to_get_network_config', // Go
  ]),
  /**
   * The authorization is not for the requirements' asset, or the asset cannot take an EIP-3009
   * transfer. The SDKs bind the token through the EIP-712 domain, so a payment signed for another
   * token surfaces as a signature failure; a non-token asset surfaces in simulation.
   */
  asset: Object.freeze([
    ...signature,
    'asset_not_deployed_contract', // TS 2.27
    'invalid_exact_evm_eip3009_not_supported',
    'invalid_exact_evm_token_name_mismatch',
    'invalid_exact_evm_token_version_mismatch',
    'invalid_exact_evm_transaction_simulation_failed',
    'invalid_payment_requirements',
  ]),
  /** The scheme is not `exact`, differs between payload and requirements, or is not supported. */
  scheme: Object.freeze(['invalid_scheme', 'unsupported_scheme', 'invalid_exact_evm_scheme']),
  /** The x402 version is not supported. */
  version: Object.freeze(['invalid_x402_version', 'invalid_version']),
  /** The payment payload is malformed (missing fields, wrong shape). */
  malformedPayload: Object.freeze([
    'invalid_payload',
    'invalid_exact_evm_payload', // Go
    'invalid_exact_evm_payload_missing_signature', // Go
    'invalid_exact_evm_failed_to_parse_signature',
    'invalid_v1_payload', // Go core
    'invalid_v2_payload', // Go core
    'unsupported_payload_type', // TS
  ]),
  /** The payment requirements are malformed (missing EIP-712 domain, bad amount). */
  malformedRequirements: Object.freeze([
    'invalid_payment_requirements',
    'invalid_exact_evm_missing_eip712_domain', // TS, Go
    'invalid_exact_evm_required_amount', // Go
    'invalid_v1_requirements', // Go core
    'invalid_v2_requirements', // Go core
  ]),
  /** The transfer would revert on chain, for a reason no earlier check names. */
  simulationFailed: Object.freeze([...simulationFailed]),
  /** The settlement transaction failed or could not be confirmed. */
  settlementFailed: Object.freeze([
    'invalid_transaction_state',
    'unexpected_settle_error',
    'invalid_exact_evm_transaction_failed', // TS
    'invalid_exact_evm_transfer_event_mismatch', // TS 2.27
    'invalid_exact_evm_failed_to_execute_transfer', // Go
    'invalid_exact_evm_failed_to_get_receipt', // Go
  ]),
})

/** The union of several accepted-code sets, without duplicates. */
export function unionOfReasons(...kinds: readonly AcceptedReasonKind[]): readonly string[] {
  return Object.freeze([...new Set(kinds.flatMap((kind) => acceptedReasons[kind]))])
}
