/**
 * The reference resource server as a sequence of named steps (advertise, challenge, read, decode,
 * match, payment flow and its ordering, verify, serve, settle, decide, receipt). `./flow.ts` runs them in the spec's order; each step
 * here is the correct behaviour. A variant replaces one step (`{ ...referenceSteps, match: … }`), which
 * is how the known-bad servers of the self-test break exactly one requirement.
 */
import type { IncomingHttpHeaders } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { formatIssues } from '../../wire/errors.ts'
import { encodeHeader, HEADERS } from '../../wire/headers.ts'
import { decodeBase64Json } from '../../wire/json.ts'
import { checkPaymentPayloadV1, checkPaymentPayloadV2 } from '../../wire/messages.ts'
import type {
  FacilitatorRequest,
  PaymentPayload,
  PaymentRequired,
  PaymentRequirements,
  PaymentRequirementsV2,
  SettlementResponse,
  VerifyResponse,
} from '../../wire/types.ts'
import type { BatchRuntime } from './batch/index.ts'
import type { ReferenceServerConfig } from './config.ts'
import type { FacilitatorClient, FacilitatorOutcome } from './facilitator-client.ts'
import { paymentRequiredFor, referenceOffers } from './offers.ts'
import { FLOW_ORDERINGS, type FlowPhase, type PaymentFlow, resolveFlow } from './payment-flow.ts'
import { missingId, type PaymentIdentifierStore, paymentIdOf } from './payment-identifier.ts'
import { settlementRequirements } from './permit2.ts'
import type { Reply, Resource } from './reply.ts'
import { namesResource } from './route.ts'

/** What every step may read. */
export interface StepContext {
  config: ReferenceServerConfig
  facilitator: FacilitatorClient
  /** The absolute URL of the paid resource, as the client reached it. */
  resourceUrl: string
  /** The batch-settlement state, when the server offers that scheme (v2 with a facilitator that has it). */
  batch?: BatchRuntime
  /** The payment-identifier ids seen, when the server advertises the extension. */
  paymentIds?: PaymentIdentifierStore
}

/** A paid request as the flow sees it. */
export interface PaidRequest {
  method: string
  headers: IncomingHttpHeaders
}

/** The payment header decoded, or why it is malformed. */
export type DecodedPayment = { ok: true; payload: PaymentPayload } | { ok: false; error: string }

/** The steps of a paid request, in the order `./server.ts` and `./flow.ts` call them. */
export interface ServerSteps {
  /** The router: whether the request target (`req.url`, as sent) reaches the paid resource's handler. */
  route(context: StepContext, target: string): boolean
  /** The paywall in front of the router: whether a request for `target` must pay. */
  paywall(context: StepContext, target: string): boolean
  /** The requirements advertised for the resource. */
  offers(context: StepContext): PaymentRequirements[]
  /** A 402 (or 400) carrying `paymentRequired`: v2 in the PAYMENT-REQUIRED header, v1 as the JSON body. */
  challenge(context: StepContext, paymentRequired: PaymentRequired, status: number): Reply
  /** The raw payment header of the server's version, or undefined when the request carries none. */
  readPayment(context: StepContext, request: PaidRequest): string | undefined
  /** Strict decoding: standard base64, UTF-8 JSON, a PaymentPayload of the server's version. */
  decode(context: StepContext, raw: string): DecodedPayment
  /** The answer to a malformed payment header (x402 transports: 400 Invalid Payment). */
  malformed(context: StepContext, error: string, offers: PaymentRequirements[]): Reply
  /**
   * payment-identifier: answers a decoded payment, running `process` for it unless its id was seen
   * (same payload: the answer sent then; another payload: 409). Without the extension: `process()`.
   */
  idempotency(context: StepContext, payload: PaymentPayload, process: () => Promise<Reply>): Promise<Reply>
  /** The advertised requirement the payment is for, or undefined (never values copied from the client). */
  match(
    context: StepContext,
    payload: PaymentPayload,
    offers: PaymentRequirements[],
  ): PaymentRequirements | undefined
  /**
   * The payment flow (core v2 §6.1) the payment runs under, or undefined when the terms it accepted
   * name an `assetTransferMethod` / `paymentFlow` combination the server does not support (refused).
   */
  paymentFlow(
    context: StepContext,
    payload: PaymentPayload,
    requirements: PaymentRequirements,
  ): PaymentFlow | undefined
  /** The ordering of verify, settle, the resource and the answer under `flow` (the §6.1 table). */
  ordering(context: StepContext, flow: PaymentFlow): readonly FlowPhase[]
  verify(context: StepContext, request: FacilitatorRequest): Promise<FacilitatorOutcome<VerifyResponse>>
  /**
   * The status of a refusal for the facilitator's `reason`: 412 for a payer without the Permit2
   * approval (scheme_exact_evm.md §2 Phase 3, PERMIT2_ALLOWANCE_REQUIRED), 402 otherwise.
   */
  refusalStatus(context: StepContext, reason: string): number
  /** The requirements /settle is asked with: upto's metered charge (scheme_upto.md §5), else the offer. */
  charge(context: StepContext, requirements: PaymentRequirements): PaymentRequirements
  /** Produces the protected content (run after verify, delivered only after settlement). */
  serve(context: StepContext, request: PaidRequest): Promise<Resource>
  settle(context: StepContext, request: FacilitatorRequest): Promise<FacilitatorOutcome<SettlementResponse>>
  /** Whether a settlement allows delivery: success, with a transaction to show for it. */
  settled(context: StepContext, settlement: SettlementResponse): boolean
  /**
   * The header carrying the SettlementResponse (PAYMENT-RESPONSE / X-PAYMENT-RESPONSE). `sidechannel`
   * is the facilitator's EXTENSION-RESPONSES value, server-internal: the receipt never carries it.
   */
  receipt(context: StepContext, settlement: SettlementResponse, sidechannel?: string): Record<string, string>
}

const JSON_TYPE = 'application/json; charset=utf-8'

/** The facilitator's code for a Permit2 payer without the approval (the spec spells it in capitals). */
const PERMIT2_ALLOWANCE_REQUIRED = 'permit2_allowance_required'

/** How often, and how far apart (times the attempt), a settle answered settlement_pending is repeated. */
const PENDING_RETRIES = 3
const PENDING_RETRY_MS = 100

/** Whether a settle outcome is the non-terminal settlement_pending with its broadcast hash. */
function isPending(outcome: FacilitatorOutcome<SettlementResponse>): boolean {
  return (
    outcome.ok &&
    outcome.response.success === false &&
    outcome.response.errorReason === 'settlement_pending' &&
    outcome.response.transaction !== ''
  )
}

/** The weather report the reference server sells. */
export const WEATHER_REPORT = { report: { weather: 'sunny', temperature: 70 } }

/** Lower-case header name of the payment in `version`. */
function paymentHeader(context: StepContext): string {
  return HEADERS[context.config.version].payment.toLowerCase()
}

/** Field-by-field match of a v2 `accepted` against an offer; `extra` may carry keys the client added. */
export function acceptedMatches(accepted: PaymentRequirementsV2, offer: PaymentRequirementsV2): boolean {
  const same = (a: unknown, b: unknown) =>
    typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b
  if (
    accepted.scheme !== offer.scheme ||
    accepted.network !== offer.network ||
    accepted.amount !== offer.amount ||
    !same(accepted.asset, offer.asset) ||
    !same(accepted.payTo, offer.payTo) ||
    accepted.maxTimeoutSeconds !== offer.maxTimeoutSeconds
  )
    return false
  const extra = (accepted.extra ?? {}) as Record<string, unknown>
  return Object.entries(offer.extra ?? {}).every(
    ([key, value]) => JSON.stringify(extra[key]) === JSON.stringify(value),
  )
}

/** The correct behaviour of every step. */
export const referenceSteps: ServerSteps = {
  route(context, target) {
    return namesResource(target, context.config.path)
  },

  // The same reading of the path as the router's: every spelling the router serves is paywalled.
  paywall(context, target) {
    return namesResource(target, context.config.path)
  },

  offers(context) {
    return referenceOffers(context.config, context.resourceUrl)
  },

  challenge(context, paymentRequired, status) {
    const headers: Record<string, string> = { 'content-type': JSON_TYPE, 'cache-control': 'no-store' }
    if (context.config.version === 1) return { status, headers, body: JSON.stringify(paymentRequired) }
    headers['payment-required'] = encodeHeader(paymentRequired)
    const error = paymentRequired.error
    return { status, headers, body: JSON.stringify(status === 402 ? {} : { error }) }
  },

  readPayment(context, request) {
    const value = request.headers[paymentHeader(context)]
    return Array.isArray(value) ? value.join(', ') : value
  },

  decode(context, raw) {
    const json = decodeBase64Json(raw)
    if (!json.ok) return { ok: false, error: formatIssues(json.issues) }
    const checked =
      context.config.version === 1 ? checkPaymentPayloadV1(json.value) : checkPaymentPayloadV2(json.value)
    return checked.ok
      ? { ok: true, payload: checked.value }
      : { ok: false, error: formatIssues(checked.issues) }
  },

  malformed(context, error, offers) {
    const required = paymentRequiredFor(context.config, offers, context.resourceUrl, 'invalid_payload')
    const reply = this.challenge(context, required, 400)
    return context.config.version === 1
      ? { ...reply, body: JSON.stringify({ ...required, error: `invalid_payload: ${error}` }) }
      : { ...reply, body: JSON.stringify({ error: 'invalid_payload', message: error }) }
  },

  async idempotency(context, payload, process) {
    const advertised = context.config.paymentIdentifier
    if (advertised === undefined || context.paymentIds === undefined) return process()
    const id = paymentIdOf(payload)
    if (id === 'invalid' || (id === undefined && advertised.required)) return missingId()
    if (id === undefined) return process()
    return context.paymentIds.answer(context.config.path, id, payload, process)
  },

  match(context, payload, offers) {
    if (payload.x402Version !== context.config.version) return undefined
    if (payload.x402Version === 1) {
      // v1 names the scheme and network; the amount and recipient are the facilitator's to check
      // against the requirement chosen here (never against anything the client sent).
      return offers.find((offer) => offer.scheme === payload.scheme && offer.network === payload.network)
    }
    return (offers as PaymentRequirementsV2[]).find((offer) => acceptedMatches(payload.accepted, offer))
  },

  paymentFlow(_context, payload, requirements) {
    return resolveFlow(payload, requirements)
  },

  ordering(_context, flow) {
    return FLOW_ORDERINGS[flow]
  },

  verify(context, request) {
    return context.facilitator.verify(request)
  },

  refusalStatus(_context, reason) {
    return reason.toLowerCase() === PERMIT2_ALLOWANCE_REQUIRED ? 412 : 402
  },

  charge(context, requirements) {
    return settlementRequirements(requirements, context.config.permit2)
  },

  async serve() {
    return { contentType: JSON_TYPE, body: JSON.stringify(WEATHER_REPORT) }
  },

  async settle(context, request) {
    // settlement_pending is non-terminal (v2 core §9 after the pin): settle the same payload again, so
    // the facilitator reconciles it to the broadcast transaction, before answering the buyer.
    let outcome = await context.facilitator.settle(request)
    for (let attempt = 1; attempt <= PENDING_RETRIES && isPending(outcome); attempt++) {
      await sleep(PENDING_RETRY_MS * attempt)
      outcome = await context.facilitator.settle(request)
    }
    return outcome
  },

  settled(_context, settlement) {
    return (
      settlement.success === true &&
      typeof settlement.transaction === 'string' &&
      settlement.transaction !== ''
    )
  },

  receipt(context, settlement) {
    const name = HEADERS[context.config.version].paymentResponse
    return { [name.toLowerCase()]: encodeHeader(settlement), 'access-control-expose-headers': name }
  },
}
