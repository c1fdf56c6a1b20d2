/** Every known-bad facilitator: each breaks one requirement and names the cases that must catch it. */
import { acceptsNetworkMismatch } from './accepts-network-mismatch.ts'
import { acceptsOverpaymentV2 } from './accepts-overpayment-v2.ts'
import { acceptsUnderpayment } from './accepts-underpayment.ts'
import { batchClaimsAboveCeiling } from './batch-claims-above-ceiling.ts'
import { batchIgnoresRefundNonce } from './batch-ignores-refund-nonce.ts'
import { batchRefundsClaimedFunds } from './batch-refunds-claimed-funds.ts'
import { batchRefusalWithoutSnapshot } from './batch-refusal-without-snapshot.ts'
import { batchSkipsBalanceRule } from './batch-skips-balance-rule.ts'
import { batchSkipsClaimedRule } from './batch-skips-claimed-rule.ts'
import { batchSkipsVoucherSignature } from './batch-skips-voucher-signature.ts'
import { batchStaleSnapshot } from './batch-stale-snapshot.ts'
import { crashesOnMalformedBody } from './crashes-on-malformed-body.ts'
import type { KnownBadFacilitator } from './defect.ts'
import { emptyTransactionOnSuccess } from './empty-transaction-on-success.ts'
import { ignoresValidAfter } from './ignores-valid-after.ts'
import { ignoresValidBefore } from './ignores-valid-before.ts'
import { invalidReasonWhenValid } from './invalid-reason-when-valid.ts'
import { noNonceManagement } from './no-nonce-management.ts'
import { noSupportedEndpoint } from './no-supported-endpoint.ts'
import { paysAuthorizationRecipient } from './pays-authorization-recipient.ts'
import { pendingForgetsBroadcast } from './pending-forgets-broadcast.ts'
import { pendingWithoutTransaction } from './pending-without-transaction.ts'
import { permit2IgnoresRecipient } from './permit2-ignores-recipient.ts'
import { permit2IgnoresSpender } from './permit2-ignores-spender.ts'
import { permit2ReplaySuccess } from './permit2-replay-success.ts'
import { reportsSuccessOnReplay } from './reports-success-on-replay.ts'
import { settlesOnVerify } from './settles-on-verify.ts'
import { skipsBalanceCheck } from './skips-balance-check.ts'
import { skipsSignatureCheck } from './skips-signature-check.ts'
import { supportedWithoutSigners } from './supported-without-signers.ts'
import { trustsAccepted } from './trusts-accepted.ts'
import { trustsReceiptStatus } from './trusts-receipt-status.ts'
import { uptoAnyFacilitator } from './upto-any-facilitator.ts'
import { uptoClampsOverSettle } from './upto-clamps-over-settle.ts'
import { uptoNoFacilitatorAddress } from './upto-no-facilitator-address.ts'
import { uptoRejectsPartial } from './upto-rejects-partial.ts'
import { uptoSettlesMaximum } from './upto-settles-maximum.ts'
import { uptoZeroSettleFails } from './upto-zero-settle-fails.ts'
import { verifyIgnoresNonceState } from './verify-ignores-nonce-state.ts'
import { wrongNetworkInResponse } from './wrong-network-in-response.ts'
import { wrongSignerInSupported } from './wrong-signer-in-supported.ts'

export type { KnownBadFacilitator } from './defect.ts'
export { knownBadTarget } from './defect.ts'

/** The known-bad facilitators, in a stable order. */
export const knownBadFacilitators: readonly KnownBadFacilitator[] = [
  skipsSignatureCheck,
  ignoresValidBefore,
  ignoresValidAfter,
  acceptsUnderpayment,
  acceptsOverpaymentV2,
  trustsAccepted,
  paysAuthorizationRecipient,
  acceptsNetworkMismatch,
  verifyIgnoresNonceState,
  skipsBalanceCheck,
  reportsSuccessOnReplay,
  wrongNetworkInResponse,
  emptyTransactionOnSuccess,
  trustsReceiptStatus,
  invalidReasonWhenValid,
  settlesOnVerify,
  wrongSignerInSupported,
  supportedWithoutSigners,
  noSupportedEndpoint,
  noNonceManagement,
  crashesOnMalformedBody,
  batchSkipsVoucherSignature,
  batchClaimsAboveCeiling,
  batchRefundsClaimedFunds,
  batchRefusalWithoutSnapshot,
  batchSkipsBalanceRule,
  batchSkipsClaimedRule,
  batchIgnoresRefundNonce,
  batchStaleSnapshot,
  pendingWithoutTransaction,
  pendingForgetsBroadcast,
  permit2IgnoresSpender,
  permit2IgnoresRecipient,
  permit2ReplaySuccess,
  uptoNoFacilitatorAddress,
  uptoRejectsPartial,
  uptoClampsOverSettle,
  uptoZeroSettleFails,
  uptoAnyFacilitator,
  uptoSettlesMaximum,
]
