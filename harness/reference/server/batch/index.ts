/**
 * `batch-settlement` in the reference v2 server: the offer (./offer.ts), the per-channel ledger
 * (./ledger.ts), the request flow (./flow.ts) and claiming (./operator.ts). The server's flow
 * (../flow.ts `handleBatch`) hands it a payment whose `accepted.scheme` is `batch-settlement`; nothing
 * here imports the server's steps.
 */
import { BATCH_SCHEME } from '../../../schemes/batch-settlement-evm/channel.ts'
import type { ChannelLedger } from '../../../schemes/batch-settlement-evm/ledger.ts'
import type { PaymentRequirements, PaymentRequirementsV2 } from '../../../wire/types.ts'
import type { BatchServerSteps } from './steps.ts'

export {
  ChannelLedger,
  type ChannelRecord,
  type ServerChannelState,
} from '../../../schemes/batch-settlement-evm/ledger.ts'
export { type BatchTerms, batchOffer, readBatchTerms } from './offer.ts'
export { type ClaimOutcome, claimAndSettle } from './operator.ts'
export { type BatchServerSteps, referenceBatchSteps } from './steps.ts'

/** The batch state of one running server. */
export interface BatchRuntime {
  ledger: ChannelLedger
  /** Its batch rules (the reference's unless a variant replaced one). */
  steps: BatchServerSteps
}

/** Whether a decoded payment is for the batch-settlement scheme. */
export function isBatchPayment(payload: { x402Version: number; accepted?: { scheme?: unknown } }): boolean {
  return payload.x402Version === 2 && payload.accepted?.scheme === BATCH_SCHEME
}

/** The server's batch offer among `offers`, if it has one. */
export function batchOfferIn(offers: readonly PaymentRequirements[]): PaymentRequirementsV2 | undefined {
  return (offers as PaymentRequirementsV2[]).find((offer) => offer.scheme === BATCH_SCHEME)
}
