/** The catalogue of known-bad resource servers the server suite must catch. */

import acceptsUnsupportedFlow from './accepts-unsupported-flow.ts'
import batchAcceptsAheadVoucher from './batch-accepts-ahead-voucher.ts'
import batchAcceptsStaleVoucher from './batch-accepts-stale-voucher.ts'
import batchBaselineFromVoucher from './batch-baseline-from-voucher.ts'
import batchChargesRefund from './batch-charges-refund.ts'
import batchOvercharges from './batch-overcharges.ts'
import batchShortWithdrawDelay from './batch-short-withdraw-delay.ts'
import batchSkipsRefundCheck from './batch-skips-refund-check.ts'
import batchSkipsVoucherVerify from './batch-skips-voucher-verify.ts'
import batchTrustsDeposit from './batch-trusts-deposit.ts'
import batchUnserialized from './batch-unserialized.ts'
import coalescesDuplicates from './coalesces-duplicates.ts'
import decimalPrice from './decimal-price.ts'
import deliversBeforeSettling from './delivers-before-settling.ts'
import deliversOnPending from './delivers-on-pending.ts'
import deliversOnSettleFailure from './delivers-on-settle-failure.ts'
import failsOpen from './fails-open.ts'
import forwardsExtensionResponses from './forwards-extension-responses.ts'
import freeResource from './free-resource.ts'
import givesUpOnPending from './gives-up-on-pending.ts'
import ignoresPaymentIdentifier from './ignores-payment-identifier.ts'
import type { KnownBadServer } from './known-bad.ts'
import malformed500 from './malformed-500.ts'
import malformedAsUnpaid from './malformed-as-unpaid.ts'
import namesAnotherResource from './names-another-resource.ts'
import neverSettles from './never-settles.ts'
import nonEip3009Asset from './non-eip3009-asset.ts'
import omitsSettlementHeader from './omits-settlement-header.ts'
import paidInFeeToken from './paid-in-fee-token.ts'
import paymentIdentifierIdOnly from './payment-identifier-id-only.ts'
import paywallOnRawPath from './paywall-on-raw-path.ts'
import permit2AllowanceAs402 from './permit2-allowance-as-402.ts'
import permit2RefusesOffered from './permit2-refuses-offered.ts'
import permit2TrustsAccepted from './permit2-trusts-accepted.ts'
import priceFromAuthorization from './price-from-authorization.ts'
import pricesUnquotedPayment from './prices-unquoted-payment.ts'
import rawJsonChallenge from './raw-json-challenge.ts'
import rawJsonReceipt from './raw-json-receipt.ts'
import replayCache from './replay-cache.ts'
import runsResourceUnchecked from './runs-resource-unchecked.ts'
import settledOnHttp200 from './settled-on-http-200.ts'
import settlesFirstUndeclared from './settles-first-undeclared.ts'
import trustsAcceptedAmount from './trusts-accepted-amount.ts'
import trustsClientPayto from './trusts-client-payto.ts'
import truthyFacilitatorAnswers from './truthy-facilitator-answers.ts'
import uptoOvercharges from './upto-overcharges.ts'
import uptoReceiptClaimsMaximum from './upto-receipt-claims-maximum.ts'
import v1BareRefusal from './v1-bare-refusal.ts'
import wrongEip712Domain from './wrong-eip712-domain.ts'
import zeroMaxTimeout from './zero-max-timeout.ts'

export { catchersAt, type KnownBadServer, knownBadServerTarget } from './known-bad.ts'

export const knownBadServers: readonly KnownBadServer[] = [
  trustsAcceptedAmount,
  trustsClientPayto,
  priceFromAuthorization,
  deliversOnSettleFailure,
  neverSettles,
  replayCache,
  coalescesDuplicates,
  malformed500,
  malformedAsUnpaid,
  omitsSettlementHeader,
  rawJsonReceipt,
  wrongEip712Domain,
  settledOnHttp200,
  truthyFacilitatorAnswers,
  pricesUnquotedPayment,
  failsOpen,
  deliversBeforeSettling,
  rawJsonChallenge,
  decimalPrice,
  zeroMaxTimeout,
  namesAnotherResource,
  freeResource,
  paywallOnRawPath,
  paidInFeeToken,
  v1BareRefusal,
  batchUnserialized,
  batchAcceptsStaleVoucher,
  batchOvercharges,
  batchBaselineFromVoucher,
  batchShortWithdrawDelay,
  batchAcceptsAheadVoucher,
  batchSkipsVoucherVerify,
  batchTrustsDeposit,
  batchSkipsRefundCheck,
  batchChargesRefund,
  deliversOnPending,
  givesUpOnPending,
  forwardsExtensionResponses,
  settlesFirstUndeclared,
  runsResourceUnchecked,
  acceptsUnsupportedFlow,
  ignoresPaymentIdentifier,
  paymentIdentifierIdOnly,
  nonEip3009Asset,
  permit2RefusesOffered,
  permit2TrustsAccepted,
  permit2AllowanceAs402,
  uptoOvercharges,
  uptoReceiptClaimsMaximum,
]
