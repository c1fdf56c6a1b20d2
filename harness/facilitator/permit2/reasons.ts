/**
 * The reasons the built-in facilitator gives for Permit2 payments (exact with Permit2, and upto). The
 * spec defines one upto code (scheme_upto_evm.md §4) and the §9 ones; the Permit2-specific checks
 * have no spec name, so they use @x402/evm 2.27's codes (its facilitator answers them), which the
 * suite's reason sets accept.
 */
export const Permit2Reason = {
  /** The spender is not the scheme's x402 Permit2 proxy (SDK `invalid_permit2_spender`). */
  spender: 'invalid_permit2_spender',
  /** `witness.to` is not `payTo` (SDK `invalid_permit2_recipient_mismatch`). */
  recipient: 'invalid_permit2_recipient_mismatch',
  /** upto: `witness.facilitator` is not this facilitator's signer (SDK `upto_facilitator_mismatch`). */
  facilitator: 'upto_facilitator_mismatch',
  /** `permitted.token` is not the requirements' asset (SDK `permit2_token_mismatch`). */
  token: 'permit2_token_mismatch',
  /** The signature does not recover to `from` over the Permit2 typed data (SDK `invalid_permit2_signature`). */
  signature: 'invalid_permit2_signature',
  /**
   * `allowance(from, Permit2)` is below the amount: scheme_exact_evm.md §2 Phase 3 step 2 names
   * `PERMIT2_ALLOWANCE_REQUIRED`; the SDK answers it in snake case.
   */
  allowance: 'permit2_allowance_required',
  /** §9: the payer's balance is below the amount. */
  funds: 'insufficient_funds',
  /** `permitted.amount` differs from the required amount (SDK `permit2_amount_mismatch`). */
  amount: 'permit2_amount_mismatch',
  /** The deadline has passed or falls within the 6 s settlement buffer (SDK `permit2_deadline_expired`). */
  deadline: 'permit2_deadline_expired',
  /** `witness.validAfter` is in the future (SDK `permit2_not_yet_valid`). */
  validAfter: 'permit2_not_yet_valid',
  /** The Permit2 nonce is used (on chain, or by an earlier zero settlement) (SDK `permit2_invalid_nonce`). */
  nonce: 'permit2_invalid_nonce',
  /** The simulated proxy settlement reverted (SDK `permit2_simulation_failed`). */
  simulation: 'permit2_simulation_failed',
  /** scheme_upto_evm.md §4: "Attempted to settle for more than the authorized `amount`". */
  settlementExceeds: 'invalid_upto_evm_payload_settlement_exceeds_amount',
} as const

export type Permit2ReasonCode = (typeof Permit2Reason)[keyof typeof Permit2Reason]
