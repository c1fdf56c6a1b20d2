/**
 * One paid request through the reference server, in the order the x402 HTTP transport describes:
 * no payment → 402 challenge; malformed payment → 400; payment for terms not offered → 402; verify
 * (invalid → 402); produce the resource; settle (failed → 402 with the failed SettlementResponse);
 * deliver with the SettlementResponse only after a successful settlement. A facilitator that cannot be
 * used is an internal error (500), never a delivery (transports-v2/http.md "Error Handling").
 */
import type { FacilitatorRequest, PaymentRequirements } from '../../wire/types.ts'
import { handleBatch, isBatchPayment } from './batch/index.ts'
import { paymentRequiredFor } from './offers.ts'
import type { PaidRequest, Reply, ServerSteps, StepContext } from './steps.ts'

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
  if (context.batch && decoded.payload.x402Version === 2 && isBatchPayment(decoded.payload))
    return handleBatch(steps, context, context.batch, request, decoded.payload, offers)

  const requirements = steps.match(context, decoded.payload, offers)
  if (requirements === undefined) return challenge(402, 'no_matching_payment_requirements')
  const facilitatorRequest: FacilitatorRequest = {
    x402Version: context.config.version,
    paymentPayload: decoded.payload,
    paymentRequirements: requirements,
  }

  const verified = await steps.verify(context, facilitatorRequest)
  if (!verified.ok) return serverError(verified.error)
  if (!verified.response.isValid) return challenge(402, verified.response.invalidReason ?? 'invalid_payment')

  const resource = await steps.serve(context, request)

  const settlement = await steps.settle(context, facilitatorRequest)
  if (!settlement.ok) return serverError(settlement.error)
  if (!steps.settled(context, settlement.response)) {
    const failed = challenge(402, settlement.response.errorReason ?? 'settlement_failed')
    return { ...failed, headers: { ...failed.headers, ...steps.receipt(context, settlement.response) } }
  }
  return {
    status: 200,
    headers: {
      'content-type': resource.contentType,
      'cache-control': 'private',
      ...steps.receipt(context, settlement.response),
    },
    body: resource.body,
  }
}

/** 500: the server could not process the payment (the facilitator is down, slow or answers garbage). */
export function serverError(message: string): Reply {
  return {
    status: 500,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify({ error: 'payment_processing_failed', message }),
  }
}
