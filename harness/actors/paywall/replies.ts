/**
 * The answers a paywall endpoint sends, in each protocol version's transport: the 402 challenge (v1 JSON
 * body, v2 `PAYMENT-REQUIRED` header), the paid resource with its settlement header, and raw variants
 * for hostile challenges (bytes that are not what the spec says).
 */
import { encodeHeader, paymentResponseHeaderName } from '../../wire/index.ts'
import type { PaymentRequired, SettlementResponse, X402Version } from '../../wire/types.ts'
import type { PaywallReply } from './types.ts'

/** The body the paid resource returns. */
export const PAID_RESOURCE_BODY: string = JSON.stringify({ resource: 'x402-conformance paid content' })

const JSON_TYPE = { 'content-type': 'application/json' }

/**
 * A 402 challenge carrying `message` as its version's transport says: v2 base64 JSON in `PAYMENT-REQUIRED`
 * with body `{}` (or `body`), v1 the JSON body. A message of another `x402Version` is sent like v2 when it
 * is not 1 (an unknown version has no transport of its own).
 */
export function challengeReply(
  message: PaymentRequired | Record<string, unknown>,
  options: { body?: string } = {},
): PaywallReply {
  if ((message as { x402Version?: unknown }).x402Version === 1) {
    return { status: 402, headers: { ...JSON_TYPE }, body: JSON.stringify(message) }
  }
  return {
    status: 402,
    headers: { ...JSON_TYPE, 'PAYMENT-REQUIRED': encodeHeader(message) },
    body: options.body ?? '{}',
  }
}

/** A 402 challenge sent the way `version` sends it, whatever the message (hostile messages too). */
export function challengeReplyFor(
  version: X402Version,
  message: unknown,
  options: { body?: string } = {},
): PaywallReply {
  if (version === 1) return { status: 402, headers: { ...JSON_TYPE }, body: JSON.stringify(message) }
  return {
    status: 402,
    headers: { ...JSON_TYPE, 'PAYMENT-REQUIRED': encodeHeader(message) },
    body: options.body ?? '{}',
  }
}

/** A v2 402 whose `PAYMENT-REQUIRED` header value is exactly `value` (not base64, not JSON…). */
export function rawHeaderChallenge(value: string, body = '{}'): PaywallReply {
  return { status: 402, headers: { ...JSON_TYPE, 'PAYMENT-REQUIRED': value }, body }
}

/** A v1 402 whose body is exactly `body` (not JSON…), with a JSON content type. */
export function rawBodyChallenge(body: string): PaywallReply {
  return { status: 402, headers: { ...JSON_TYPE }, body }
}

/** The paid resource with the settlement in `PAYMENT-RESPONSE` (v2) or `X-PAYMENT-RESPONSE` (v1). */
export function resourceReply(version: X402Version, settlement?: SettlementResponse): PaywallReply {
  return {
    status: 200,
    headers: {
      ...JSON_TYPE,
      ...(settlement === undefined ? {} : { [paymentResponseHeaderName(version)]: encodeHeader(settlement) }),
    },
    body: PAID_RESOURCE_BODY,
  }
}

/**
 * A payment that did not settle: 402 with the failed settlement in the settlement header (the transport
 * specs' failure example) and, in v1, the challenge again as the body.
 */
export function settlementFailedReply(
  version: X402Version,
  settlement: SettlementResponse,
  challenge: PaymentRequired,
): PaywallReply {
  const header = { [paymentResponseHeaderName(version)]: encodeHeader(settlement) }
  if (version === 1)
    return { status: 402, headers: { ...JSON_TYPE, ...header }, body: JSON.stringify(challenge) }
  return { status: 402, headers: { ...JSON_TYPE, ...header }, body: '{}' }
}

/** 400 for a payment header that cannot be decoded (transports' "Invalid Payment" row). */
export function invalidPaymentReply(reason: string): PaywallReply {
  return {
    status: 400,
    headers: { ...JSON_TYPE },
    body: JSON.stringify({ error: 'invalid_payload', reason }),
  }
}

/** A redirect to `location`. 307 keeps the method and the headers a client chooses to forward. */
export function redirectReply(location: string, status: 301 | 302 | 303 | 307 | 308 = 307): PaywallReply {
  return { status, headers: { location }, body: '' }
}
