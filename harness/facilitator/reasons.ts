/**
 * The error reasons the built-in facilitator answers with. All but one are the spec's own names
 * (x402-specification-v1.md §9 and x402-specification-v2.md §9); where the spec has no name the
 * choice is the reference SDK's and says so.
 */

/** Reason codes, by what went wrong. */
export const Reason = {
  /** §9: the protocol version is not supported (not 1 or 2, or the envelope disagrees with the payload). */
  version: 'invalid_x402_version',
  /** §9: the scheme is not one this facilitator settles (only `exact`). */
  scheme: 'unsupported_scheme',
  /** §9: the network is not this devnet's, or the payload names another network than the requirements. */
  network: 'invalid_network',
  /** §9: the requirements are malformed, name another asset, or lack the token's EIP-712 domain. */
  requirements: 'invalid_payment_requirements',
  /** §9: the payload is malformed, or (v2) its `accepted` disagrees with the requirements. */
  payload: 'invalid_payload',
  /** §9: the signature does not recover to (or is not accepted by) `authorization.from`. */
  signature: 'invalid_exact_evm_payload_signature',
  /** §9: `authorization.to` is not the requirements' `payTo`. */
  recipient: 'invalid_exact_evm_payload_recipient_mismatch',
  /** v2 §9: `authorization.value` differs from `amount` (strict equality). */
  valueMismatchV2: 'invalid_exact_evm_payload_authorization_value_mismatch',
  /** v1 §9: `authorization.value` is below `maxAmountRequired`. */
  valueV1: 'invalid_exact_evm_payload_authorization_value',
  /** §9: `validBefore` has passed (or is within the 6 s settlement buffer). */
  validBefore: 'invalid_exact_evm_payload_authorization_valid_before',
  /** §9: `validAfter` is still in the future. */
  validAfter: 'invalid_exact_evm_payload_authorization_valid_after',
  /** No spec name: the @x402/evm code for an EIP-3009 nonce that is already used or canceled on chain. */
  nonceUsed: 'invalid_exact_evm_nonce_already_used',
  /** §9: the payer's balance is below `authorization.value`. */
  funds: 'insufficient_funds',
  /** §9: the simulated or sent `transferWithAuthorization` reverted or did not transfer as signed. */
  transaction: 'invalid_transaction_state',
  /**
   * No spec name: the @x402/evm 2.27 code (ErrTransferEventMismatch) for a settlement that mined but
   * whose receipt holds no `Transfer(from, payTo, amount)` of the asset (a fee-on-transfer token).
   */
  transferEvent: 'invalid_exact_evm_transfer_event_mismatch',
  /** §9: verification itself broke (e.g. the RPC failed), not the payment. */
  unexpectedVerify: 'unexpected_verify_error',
  /** §9: settlement itself broke (e.g. the RPC failed), not the payment. */
  unexpectedSettle: 'unexpected_settle_error',
  /** v2 §9 (after the pin, #3083): broadcast, but its confirmation could not be established (non-terminal). */
  pending: 'settlement_pending',
} as const

/** One of the reason codes above. */
export type ReasonCode = (typeof Reason)[keyof typeof Reason]
