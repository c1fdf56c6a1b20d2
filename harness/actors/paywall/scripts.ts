/**
 * Endpoint scripts: the honest paywall (challenge, then settle through the built-in facilitator and
 * deliver with a real settlement header) and the building block hostile endpoints use (a challenge,
 * then a scripted answer to the paid request).
 */
import { isDeepStrictEqual } from 'node:util'
import { getHeader, safeDecodeHeader } from '../../wire/index.ts'
import type {
  PaymentRequired,
  PaymentRequirements,
  PaymentRequirementsV2,
  SettlementResponse,
  X402Version,
} from '../../wire/types.ts'
import { challengeReply, invalidPaymentReply, resourceReply, settlementFailedReply } from './replies.ts'
import type { EndpointScript, EndpointState, PaywallReply, PaywallRequest } from './types.ts'

/** The payment header a request carries, if any. */
export interface CarriedPayment {
  /** The header it came in: `PAYMENT-SIGNATURE` (v2) or `X-PAYMENT` (v1). */
  header: 'PAYMENT-SIGNATURE' | 'X-PAYMENT'
  raw: string
}

/**
 * The payment headers of a request. A client sending both is seen as sending both; a v2 server reads only
 * `PAYMENT-SIGNATURE`, a v1 server only `X-PAYMENT`.
 */
export function paymentsOf(request: Pick<PaywallRequest, 'headers'>): CarriedPayment[] {
  const found: CarriedPayment[] = []
  for (const header of ['PAYMENT-SIGNATURE', 'X-PAYMENT'] as const) {
    const raw = getHeader(request.headers, header)
    if (raw !== undefined) found.push({ header, raw })
  }
  return found
}

/** Whether a request carries any payment header. */
export function carriesPayment(request: Pick<PaywallRequest, 'headers'>): boolean {
  return paymentsOf(request).length > 0
}

/**
 * The offered requirements a payment's `accepted` (v2) or `scheme`/`network` (v1) designates, like the
 * reference servers: v2 every offered field equal (keys the client added inside `extra` tolerated, as
 * @x402/core 2.27 does), v1 scheme and network (as x402-express 1.2 does).
 */
export function matchOffered(
  version: X402Version,
  payload: Record<string, unknown>,
  accepts: readonly PaymentRequirements[],
): PaymentRequirements | undefined {
  if (version === 1)
    return accepts.find((offer) => offer.scheme === payload.scheme && offer.network === payload.network)
  const accepted = payload.accepted
  if (typeof accepted !== 'object' || accepted === null) return undefined
  return accepts.find((offer) =>
    sameRequirements(offer as PaymentRequirementsV2, accepted as Record<string, unknown>),
  )
}

/** `accepted` equals `offer` field for field; extra may carry added keys. */
export function sameRequirements(offer: PaymentRequirementsV2, accepted: Record<string, unknown>): boolean {
  for (const [key, value] of Object.entries(offer)) {
    if (key === 'extra') continue
    if (!isDeepStrictEqual(accepted[key], value)) return false
  }
  const offeredExtra = offer.extra ?? {}
  const acceptedExtra = accepted.extra
  if (Object.keys(offeredExtra).length === 0)
    return acceptedExtra === undefined || acceptedExtra === null || typeof acceptedExtra === 'object'
  if (typeof acceptedExtra !== 'object' || acceptedExtra === null) return false
  const extra = acceptedExtra as Record<string, unknown>
  return Object.entries(offeredExtra).every(([key, value]) => isDeepStrictEqual(extra[key], value))
}

/** What an honest endpoint does once it holds a decodable payment of the right version. */
export interface HonestOptions {
  paymentRequired: PaymentRequired
  /** Settle through the built-in facilitator (default) or deliver without settling (probes, properties). */
  settle?: boolean
  /** The 402 body of a v2 challenge (default `{}`); CL-20 says a client pays whatever it holds. */
  challengeBody?: string
}

/**
 * The honest paywall: a request without this version's payment header gets the challenge; a payment
 * that does not decode gets 400; one that pays none of the offered requirements gets the challenge again
 * with an error; otherwise it is settled and the resource delivered with the settlement header, or a
 * failed settlement gets 402 with the failed settlement in the header.
 */
export function honestScript(options: HonestOptions): EndpointScript {
  const { paymentRequired } = options
  const version = paymentRequired.x402Version
  const challenge = () =>
    challengeReply(
      paymentRequired,
      options.challengeBody === undefined ? {} : { body: options.challengeBody },
    )
  return async (request, state) => {
    const carried = paymentsOf(request).find((payment) => payment.header === headerOf(version))
    if (carried === undefined) return challenge()
    return answerPayment(version, carried.raw, paymentRequired, options.settle ?? true, state)
  }
}

/** Decodes, matches and settles a payment the honest way. */
export async function answerPayment(
  version: X402Version,
  raw: string,
  paymentRequired: PaymentRequired,
  settle: boolean,
  state: EndpointState,
): Promise<PaywallReply> {
  const decoded = safeDecodeHeader(headerOf(version), raw)
  if (!decoded.ok)
    return invalidPaymentReply(
      decoded.issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; '),
    )
  const payload = decoded.value as unknown as Record<string, unknown>
  const offered = matchOffered(version, payload, paymentRequired.accepts)
  if (offered === undefined) {
    return challengeReply({
      ...paymentRequired,
      error: 'No matching payment requirements',
    } as PaymentRequired)
  }
  if (!settle) return resourceReply(version)
  const settlement = await state.settle({ version, paymentPayload: payload, paymentRequirements: offered })
  const response: SettlementResponse = settlement.response ?? {
    success: false,
    errorReason: 'unexpected_settle_error',
    transaction: '',
    network: offered.network,
  }
  if (response.success) return resourceReply(version, response)
  return settlementFailedReply(version, response, paymentRequired)
}

/**
 * A hostile endpoint's usual shape: `challenge` for every request without a payment header, `onPayment`
 * for requests with one (any payment header, right version or not).
 */
export function challengeThen(
  challenge: PaywallReply,
  onPayment: (request: PaywallRequest, state: EndpointState) => PaywallReply | Promise<PaywallReply> = () =>
    challenge,
): EndpointScript {
  return (request, state) => (carriesPayment(request) ? onPayment(request, state) : challenge)
}

function headerOf(version: X402Version): 'PAYMENT-SIGNATURE' | 'X-PAYMENT' {
  return version === 1 ? 'X-PAYMENT' : 'PAYMENT-SIGNATURE'
}
