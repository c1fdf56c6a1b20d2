/**
 * The test seams of the batch-settlement rules (verify.ts) and of settle (settle.ts): their own module so
 * that the facilitator's configuration (../config.ts), which carries them, need not import settle.
 */

/** Test seams: a known-bad facilitator turns one rule off. Never set in the reference. */
export interface BatchRuleSwitches {
  /** Rule 6 off: any signer's voucher passes. */
  skipVoucherSignature?: boolean
  /** Rule 9 off: a voucher above the channel balance passes. */
  skipBalanceRule?: boolean
  /** Rule 10 off: a voucher at or below what is claimed passes. */
  skipClaimedRule?: boolean
  /** Rule 11 off: a refund's nonce is not compared, and settle signs the current on-chain nonce instead. */
  ignoreRefundNonce?: boolean
}

/** Test seams of settle: a known-bad facilitator turns one safeguard off. Never set in the reference. */
export interface BatchSettleSwitches extends BatchRuleSwitches {
  /** Skip the pre-checks of claim rows and report success whatever the chain did. */
  skipClaimChecks?: boolean
  /** Report the requested refund amount instead of what the chain paid. */
  reportRequestedRefund?: boolean
}
