/**
 * `batch-settlement` in the reference v2 server: the offer (./offer.ts), the per-channel ledger
 * (./ledger.ts), the request flow (./flow.ts) and claiming (./operator.ts). `handleBatch` is what the
 * server's flow calls for a payment whose `accepted.scheme` is `batch-settlement`.
 */
import { BATCH_SCHEME } from '../../../facilitator/batch/channel.ts'
import type {
  PaymentPayloadV2,
  PaymentRequirements,
  PaymentRequirementsV2,
  SettlementResponse,
} from '../../../wire/types.ts'
import { paymentRequiredFor } from '../offers.ts'
import {
  acceptedMatches,
  type PaidRequest,
  type Reply,
  type ServerSteps,
  type StepContext,
} from '../steps.ts'
import { type BatchServerDefects, handleBatchPayment } from './flow.ts'
import type { ChannelLedger } from './ledger.ts'
import { readBatchPayment } from './payment.ts'

export type { BatchServerDefects } from './flow.ts'
export { ChannelLedger, type ChannelRecord, type ServerChannelState } from './ledger.ts'
export { type BatchTerms, batchOffer, readBatchTerms } from './offer.ts'
export { type ClaimOutcome, claimAndSettle } from './operator.ts'

/** The batch state of one running server. */
export interface BatchRuntime {
  ledger: ChannelLedger
  defects: BatchServerDefects
}

/** Whether a decoded payment is for the batch-settlement scheme. */
export function isBatchPayment(payload: { x402Version: number; accepted?: { scheme?: unknown } }): boolean {
  return payload.x402Version === 2 && payload.accepted?.scheme === BATCH_SCHEME
}

/** The server's batch offer among `offers`, if it has one. */
export function batchOfferIn(offers: readonly PaymentRequirements[]): PaymentRequirementsV2 | undefined {
  return (offers as PaymentRequirementsV2[]).find((offer) => offer.scheme === BATCH_SCHEME)
}

/** Runs a batch-settlement payment through the server (`runtime` present only when it offers the scheme). */
export async function handleBatch(
  steps: ServerSteps,
  context: StepContext,
  runtime: BatchRuntime,
  request: PaidRequest,
  payload: PaymentPayloadV2,
  offers: PaymentRequirements[],
): Promise<Reply> {
  const challenge = (status: number, error: string, accepts: PaymentRequirements[] = offers): Reply =>
    steps.challenge(context, paymentRequiredFor(context.config, accepts, context.resourceUrl, error), status)
  const offer = batchOfferIn(offers)
  if (!offer || !acceptedMatches(payload.accepted, offer))
    return challenge(402, 'no_matching_payment_requirements')
  const read = readBatchPayment(payload.payload)
  if (!read.ok) return steps.malformed(context, read.error, offers)
  const receipt = (settlement: Record<string, unknown>) =>
    steps.receipt(context, settlement as unknown as SettlementResponse)
  return handleBatchPayment(
    {
      offer,
      offers: offers as PaymentRequirementsV2[],
      chainId: Number(offer.network.split(':')[1]),
      ledger: runtime.ledger,
      facilitator: context.facilitator,
      defects: runtime.defects,
      challenge,
      serve: () => steps.serve(context, request),
      deliver: (resource, settlement) => ({
        status: 200,
        headers: { 'content-type': resource.contentType, 'cache-control': 'private', ...receipt(settlement) },
        body: resource.body,
      }),
      answer: (body, settlement) => ({
        status: 200,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'cache-control': 'no-store',
          ...receipt(settlement),
        },
        body: JSON.stringify(body),
      }),
      settlementFailed: (error, settlement) => {
        const failed = challenge(402, error)
        return { ...failed, headers: { ...failed.headers, ...receipt(settlement) } }
      },
    },
    payload,
    read.payment,
  )
}
