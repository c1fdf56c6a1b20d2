/**
 * The paywalled resource server the client suite plays, honest and hostile: scripted endpoints on
 * 127.0.0.1 that record every request (headers decoded) and settle honest payments through the
 * built-in facilitator.
 */

export {
  type BatchEndpointLog,
  type BatchHostility,
  type BatchScriptOptions,
  batchScript,
} from './batch.ts'
export { requestEvidence, settlementEvidence } from './evidence.ts'
export {
  challengeReply,
  challengeReplyFor,
  invalidPaymentReply,
  PAID_RESOURCE_BODY,
  rawBodyChallenge,
  rawHeaderChallenge,
  redirectReply,
  resourceReply,
  settlementFailedReply,
} from './replies.ts'
export {
  answerPayment,
  type CarriedPayment,
  carriesPayment,
  challengeThen,
  type HonestOptions,
  honestScript,
  matchOffered,
  paymentsOf,
  sameRequirements,
} from './scripts.ts'
export {
  DEFAULT_MAX_REQUESTS,
  type EndpointOptions,
  type Paywall,
  type PaywallEndpoint,
  type PaywallOptions,
  startPaywall,
} from './server.ts'
export type * from './types.ts'
