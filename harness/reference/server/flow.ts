/**
 * One paid request through the reference server, in the order the x402 HTTP transport describes:
 * no payment → 402 challenge; malformed payment → 400; payment for terms not offered, or naming a
 * payment flow / transfer method the offer does not have → 402; then the flow's ordering (core v2 §6.1,
 * ./phases.ts): `authorization` verifies (invalid → 402), produces the resource, settles (failed → 402
 * with the failed SettlementResponse) and delivers with the SettlementResponse; `upfront` settles first.
 * A facilitator that cannot be used is an internal error (500), never a delivery (transports-v2/http.md "Error Handling").
 * A batch-settlement payment goes to ./batch/flow.ts through `handleBatch`, which hands it the steps it
 * needs as functions (so the batch code does not import the steps).
 */

import { readBatchPayment } from '../../schemes/batch-settlement-evm/payment.ts'
import type {
  FacilitatorRequest,
  PaymentPayloadV2,
  PaymentRequirements,
  PaymentRequirementsV2,
  SettlementResponse,
} from '../../wire/types.ts'
import { handleBatchPayment } from './batch/flow.ts'
import { type BatchRuntime, batchOfferIn, isBatchPayment } from './batch/index.ts'
import { paymentRequiredFor } from './offers.ts'
import { runPhases } from './phases.ts'
import type { Reply } from './reply.ts'
import { acceptedMatches, type PaidRequest, type ServerSteps, type StepContext } from './steps.ts'

/** Runs `steps` for one request to the paid resource. Never throws for anything the client sends. */
export async function handlePaidRequest(
  steps: ServerSteps,
  context: StepContext,
  request: PaidRequest,
): Promise<Reply> {
  const offers = steps.offers(context)
  const challenge = (status: number, error: string, offered: PaymentRequirements[] = offers): Reply =>
    steps.challenge(context, paymentRequiredFor(context.config, offered, context.resourceUrl, error), status)

  const raw = steps.readPayment(context, request)
  if (raw === undefined) {
    const header = context.config.version === 1 ? 'X-PAYMENT' : 'PAYMENT-SIGNATURE'
    return challenge(402, `${header} header is required`)
  }
  const decoded = steps.decode(context, raw)
  if (!decoded.ok) return steps.malformed(context, decoded.error, offers)
  const payload = decoded.payload
  // payment-identifier: an id is looked up before anything else checks the payment.
  return steps.idempotency(context, payload, async () => {
    if (context.batch && payload.x402Version === 2 && isBatchPayment(payload))
      return handleBatch(steps, context, context.batch, request, payload, offers)

    const requirements = steps.match(context, payload, offers)
    if (requirements === undefined) return challenge(402, 'no_matching_payment_requirements')
    const facilitatorRequest: FacilitatorRequest = {
      x402Version: context.config.version,
      paymentPayload: payload,
      paymentRequirements: requirements,
    }

    const flow = steps.paymentFlow(context, payload, requirements)
    if (flow === undefined) return challenge(402, 'unsupported_payment_flow')
    return runPhases(
      {
        steps,
        context,
        request,
        facilitatorRequest,
        settleRequest: settleRequestFor(steps, context, facilitatorRequest, requirements),
        challenge: (status, error) => challenge(status, error),
      },
      steps.ordering(context, flow),
    )
  })
}

/**
 * The request /settle is sent: upto's charge in place of the maximum; otherwise the verify request
 * itself (the same object, so a step may recognise the payment it verified).
 */
function settleRequestFor(
  steps: ServerSteps,
  context: StepContext,
  request: FacilitatorRequest,
  requirements: PaymentRequirements,
): FacilitatorRequest {
  const charged = steps.charge(context, requirements)
  return charged === requirements ? request : { ...request, paymentRequirements: charged }
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
      steps: runtime.steps,
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
