/**
 * Requirements from the HTTP transport, v2 (`specs/transports-v2/http.md`). Where v1 states the same
 * rule with its own header names, the entry covers both versions and cites the v1 file in `seeAlso`.
 */
import { coreV1, coreV2, coreV2Newer, exactEvm, httpV1, httpV2 } from './cite.ts'
import { FOUNDATION_MAIN } from './spec.ts'
import type { RequirementInput } from './types.ts'

/** Entries whose primary source is transports-v2/http.md. */
export const httpV2Requirements: readonly RequirementInput[] = [
  {
    id: 'RS-1',
    level: 'MUST',
    role: 'server',
    versions: [1, 2],
    statement: 'A request for a protected resource that carries no payment is answered with HTTP 402.',
    quote: 'The server indicates payment is required using the HTTP 402 "Payment Required" status code.',
    spec: httpV2('Payment Required Signaling'),
    seeAlso: [httpV1('Payment Required Signaling'), httpV2('Error Handling')],
    basis: 'mechanism',
    acceptedStatus: [402],
  },
  {
    id: 'RS-2',
    level: 'MUST',
    role: 'server',
    versions: [2],
    statement:
      'The 402 sent to an unpaid request carries a PAYMENT-REQUIRED header whose value is the base64-encoded JSON PaymentRequired.',
    quote: 'HTTP 402 status code with `PAYMENT-REQUIRED` header',
    spec: httpV2('Payment Required Signaling'),
    seeAlso: [httpV2('Header Summary')],
    basis: 'mechanism',
    tags: ['encoding'],
  },
  {
    id: 'RS-12',
    level: 'MUST',
    role: 'server',
    versions: [1, 2],
    statement:
      'A request with a valid payment is answered 200 with a PAYMENT-RESPONSE header (v1: X-PAYMENT-RESPONSE) holding the base64 JSON SettlementResponse, success true and a non-empty transaction.',
    quote: 'Servers communicate payment settlement results using the `PAYMENT-RESPONSE` header.',
    spec: httpV2('Settlement Response Delivery'),
    seeAlso: [httpV1('Settlement Response Delivery'), httpV2('Error Handling')],
    basis: 'mechanism',
    acceptedStatus: [200],
    deviations: [
      {
        sdks: ['@x402/* 2.27', 'x402-express 1.2'],
        behaviour:
          'The middleware runs the route handler before settling; when the handler answers >= 400 it skips settlement and passes the handler response through without a PAYMENT-RESPONSE header.',
        suiteHolds:
          'the spec: the paid path the suite exercises has a handler that succeeds, so a 200 with PAYMENT-RESPONSE is expected; a handler failure is not a payment outcome and is not tested here',
        why: 'the spec says nothing about handler failures; the settle-after-handler ordering is an SDK choice the suite neither requires nor penalises',
      },
    ],
  },
  {
    id: 'RS-14',
    level: 'MUST',
    role: 'server',
    versions: [1, 2],
    statement:
      'A payment header that is malformed (not base64, not JSON, or not a PaymentPayload) is answered with HTTP 400.',
    quote: '| Invalid Payment  | 400         | Malformed payment payload or requirements       |',
    spec: httpV2('Error Handling'),
    seeAlso: [httpV1('Error Handling'), coreV2('§4. Response Types')],
    basis: 'error-table',
    acceptedStatus: [400],
    deviations: [
      {
        sdks: ['@x402/* 2.27'],
        behaviour:
          'An undecodable PAYMENT-SIGNATURE is logged and treated as absent, so the answer is a fresh 402 challenge.',
        suiteHolds:
          'the spec: 400; a 402 fails this requirement (the resource is still not delivered, which RS-18 checks separately)',
        why: 'the error table is explicit, the maintainers accept 400 as correct in the open issue, and the Go SDK already answers 400 {"error":"invalid_payload"}; known SDK failures belong in the expectations baseline, not in the catalogue',
        refs: ['x402-foundation/x402#2397', 'x402-foundation/x402#2843', 'x402-foundation/x402#2907'],
      },
      {
        sdks: ['x402-express 1.2'],
        behaviour: 'An X-PAYMENT header that fails to decode gets 402 with the decode message in `error`.',
        suiteHolds: 'the spec: 400',
        why: 'same table in transports-v1/http.md',
      },
    ],
    tags: ['hostile'],
  },
  {
    id: 'RS-15',
    level: 'MUST',
    role: 'server',
    versions: [1, 2],
    statement: 'A payment that fails verification or settlement is answered with HTTP 402.',
    quote: '| Payment Failed   | 402         | Payment verification or settlement failed       |',
    spec: httpV2('Error Handling'),
    seeAlso: [httpV1('Error Handling')],
    basis: 'error-table',
    acceptedStatus: [402],
    tags: ['hostile'],
  },
  {
    id: 'RS-16',
    level: 'MUST',
    role: 'server',
    versions: [1, 2],
    statement:
      'An internal failure while processing a payment (e.g. the facilitator is unreachable or answers garbage) is answered with HTTP 500, never with the resource.',
    quote: '| Server Error     | 500         | Internal server error during payment processing |',
    spec: httpV2('Error Handling'),
    seeAlso: [httpV1('Error Handling')],
    basis: 'error-table',
    acceptedStatus: [500, 502, 503, 504],
    deviations: [
      {
        sdks: ['@x402/* 2.27'],
        behaviour: '@x402/express answers 502 {error} when the facilitator sends a malformed response.',
        suiteHolds: 'any 5xx passes; a 2xx or a 402 fails',
        why: 'the table row names the class "Server Error"; 502 says the same to a client (an upstream failure) and the point of the row, no delivery and no "pay again" signal, holds',
      },
    ],
    tags: ['facilitator-fault'],
  },
  {
    id: 'RS-17',
    level: 'SHOULD',
    role: 'server',
    versions: [1, 2],
    statement:
      'When settlement fails, the 402 carries PAYMENT-RESPONSE (v1: X-PAYMENT-RESPONSE) with success false and an errorReason; its transaction is "" when nothing was broadcast and the broadcast hash otherwise (settlement_pending).',
    spec: httpV2('Settlement Response Delivery'),
    seeAlso: [httpV1('Settlement Response Delivery'), coreV2Newer('§5.3.2 Field Descriptions')],
    basis: 'example',
    deviations: [
      {
        sdks: ['x402-express 1.2'],
        behaviour:
          'On a failed settle it answers 402 {x402Version, error: errorReason, accepts} without X-PAYMENT-RESPONSE.',
        suiteHolds: 'the example: a missing header is a warn (SHOULD), not a fail',
        why: 'only the failure example shows the header; no sentence requires it',
      },
    ],
    tags: ['facilitator-fault'],
  },
  {
    id: 'RS-18',
    level: 'MUST',
    role: 'server',
    versions: [1, 2],
    statement:
      'The resource is delivered only for a payment that was verified and settled with success true; when verify or settle fails, no protected content is returned.',
    quote: '| Success          | 200         | Payment verified and settled successfully       |',
    spec: httpV2('Error Handling'),
    seeAlso: [httpV1('Error Handling'), coreV2('§4. Response Types'), coreV2('§2. Core Payment Flow')],
    basis: 'error-table',
    tags: ['security', 'chain'],
  },
  {
    id: 'RS-34',
    level: 'MUST',
    role: 'server',
    versions: [2],
    statement:
      'A 402 answered to a browser-like request (Accept: text/html) still carries the PAYMENT-REQUIRED header, whatever HTML paywall the body holds.',
    spec: httpV2('Response Body'),
    seeAlso: [httpV2('Payment Required Signaling')],
    basis: 'implied',
    deviations: [
      {
        sdks: ['@x402/* 2.10'],
        behaviour: 'HTML paywall 402s were sent without PAYMENT-REQUIRED (fixed in later 2.x releases).',
        suiteHolds: 'the spec: every 402 challenge carries the header',
        why: '"All x402 protocol information is communicated through headers"; a browser wallet needs the header as much as an agent does',
        refs: ['x402-foundation/x402#2418', 'x402-foundation/x402#2419'],
      },
    ],
  },
  {
    id: 'RS-42',
    level: 'MAY',
    role: 'server',
    versions: [2],
    statement:
      "The body of a v2 402 (and of a failed-payment 402) is the server's choice; the spec example is {} and clients must not depend on it.",
    quote: 'Response bodies are a server implementation concern.',
    spec: httpV2('Response Body'),
    basis: 'mechanism',
  },
  {
    id: 'CL-1',
    level: 'MUST',
    role: 'client',
    versions: [1, 2],
    statement:
      'The client sends its payment in the PAYMENT-SIGNATURE header (v1: X-PAYMENT) as base64-encoded JSON PaymentPayload.',
    quote: 'Clients send payment data using the `PAYMENT-SIGNATURE` HTTP header.',
    spec: httpV2('Payment Payload Transmission'),
    seeAlso: [httpV1('Payment Payload Transmission'), httpV2('Header Summary')],
    basis: 'mechanism',
  },
  {
    id: 'CL-20',
    level: 'MUST',
    role: 'client',
    versions: [2],
    statement:
      'A v2 client takes the PaymentRequired from the PAYMENT-REQUIRED header and pays whatever the 402 body holds (empty, {}, HTML).',
    quote:
      'All x402 protocol information is communicated through headers (`PAYMENT-REQUIRED`, `PAYMENT-SIGNATURE`, `PAYMENT-RESPONSE`).',
    spec: httpV2('Response Body'),
    seeAlso: [httpV2('Payment Required Signaling')],
    basis: 'mechanism',
  },
  {
    id: 'CL-35',
    level: 'MUST',
    role: 'client',
    versions: [1, 2],
    statement:
      'The client answers a challenge in its own version: a v2 PAYMENT-REQUIRED with an x402Version 2 payload in PAYMENT-SIGNATURE, a v1 402 body with an x402Version 1 payload in X-PAYMENT.',
    spec: httpV2('Payment Payload Transmission'),
    seeAlso: [httpV1('Payment Payload Transmission'), httpV2('Header Summary')],
    basis: 'implied',
  },
  {
    id: 'CL-22',
    level: 'MUST',
    role: 'client',
    versions: [1, 2],
    statement:
      'The paid request repeats the request for the same resource (same method and URL, body unchanged) with the payment header added.',
    spec: httpV2('Payment Payload Transmission'),
    seeAlso: [httpV1('Payment Payload Transmission'), coreV2('§2. Core Payment Flow')],
    basis: 'implied',
  },
  {
    id: 'CL-18',
    level: 'SHOULD',
    role: 'client',
    versions: [1, 2],
    statement:
      'A client makes at most one paid retry per request: when the paid request is refused it reports the failure instead of resending the same payment or looping.',
    spec: coreV2('§2. Core Payment Flow'),
    seeAlso: [httpV2('Payment Payload Transmission'), httpV1('Payment Payload Transmission')],
    basis: 'implied',
    deviations: [
      {
        sdks: ['@x402/* 2.27', 'x402 1.2'],
        behaviour:
          '@x402/fetch and x402-fetch retry exactly once and throw "Payment already attempted" if the original request already carried a payment header.',
        suiteHolds: 'more than one paid request for one call is a warn',
        why: 'the spec describes a single request-402-paid-request cycle; repeated paid attempts risk paying twice for one resource',
      },
    ],
  },
  {
    id: 'CL-36',
    level: 'SHOULD',
    role: 'client',
    versions: [1, 2],
    statement:
      'The client reads the settlement response of its paid request (PAYMENT-RESPONSE; v1 X-PAYMENT-RESPONSE) and hands it to its caller.',
    spec: httpV2('Settlement Response Delivery'),
    seeAlso: [httpV1('Settlement Response Delivery')],
    basis: 'implied',
  },
  {
    id: 'CL-37',
    level: 'MUST',
    role: 'client',
    versions: [1, 2],
    statement:
      'The client signs nothing for a challenge it cannot honour: one that is not base64 JSON (v1: not a JSON body), of an unknown x402Version, or whose offer lacks or mistypes a field the payment is made of (scheme, network, amount, asset, payTo, maxTimeoutSeconds) or holds an impossible value (a negative or fractional amount). An offer with maxTimeoutSeconds 0 is CL-45 (a SHOULD).',
    spec: coreV2('§5.1.2 Field Descriptions'),
    seeAlso: [coreV1('§5.1.2 Field Descriptions'), httpV2('Payment Required Signaling')],
    basis: 'implied',
    tags: ['security'],
  },
  {
    id: 'CL-38',
    level: 'MUST',
    role: 'client',
    versions: [1, 2],
    statement:
      'A client that declares a spending limit signs no authorization above it: an offer for more is refused, not paid.',
    spec: coreV2('§2. Core Payment Flow'),
    basis: 'implied',
    tags: ['security'],
  },
  {
    id: 'CL-39',
    level: 'SHOULD',
    role: 'client',
    versions: [1, 2],
    statement:
      'A signed payment goes only to the origin that asked for it: a redirect of the paid request to another origin is not followed with the payment header.',
    spec: httpV2('Payment Payload Transmission'),
    seeAlso: [httpV1('Payment Payload Transmission')],
    basis: 'implied',
    tags: ['security'],
  },
  {
    id: 'CL-40',
    level: 'SHOULD',
    role: 'client',
    versions: [1, 2],
    statement:
      "The client signs only under the token's own EIP-712 domain: an offer whose extra.name or extra.version is not the asset's domain is refused, since its signature could never settle.",
    spec: exactEvm('1. AssetTransferMethod: EIP-3009 / Phase 1: PAYMENT-SIGNATURE Header Payload'),
    seeAlso: [coreV2('§6.1.1 EIP-3009 Authorization')],
    basis: 'implied',
    tags: ['eip712', 'chain'],
  },
  {
    id: 'X-7',
    level: 'MUST',
    role: 'any',
    versions: [1, 2],
    statement:
      'Every x402 header value (PAYMENT-REQUIRED, PAYMENT-SIGNATURE, PAYMENT-RESPONSE; v1 X-PAYMENT, X-PAYMENT-RESPONSE) is base64 of the JSON object, never raw JSON.',
    quote: '`PAYMENT-SIGNATURE` header containing base64-encoded JSON',
    spec: httpV2('Header Summary'),
    seeAlso: [httpV1('Payment Payload Transmission'), httpV1('Settlement Response Delivery')],
    basis: 'mechanism',
    tags: ['encoding'],
  },
  {
    id: 'X-8',
    level: 'SHOULD',
    role: 'any',
    versions: [1, 2],
    statement:
      'The base64 in x402 headers uses the standard alphabet of RFC 4648 §4 (+ and /, = padding) over UTF-8 JSON, which is what every reference decoder accepts.',
    spec: httpV2('Header Summary'),
    seeAlso: [httpV1('Payment Payload Transmission')],
    basis: 'implied',
    deviations: [
      {
        sdks: ['@x402/* 2.27', 'x402 1.2'],
        behaviour:
          'Decoders first match ^[A-Za-z0-9+/]*={0,2}$, so base64url input is rejected; missing padding is tolerated.',
        suiteHolds:
          'the suite emits padded standard base64; from a target it passes standard base64 with or without padding and warns on base64url',
        why: 'the spec says only "base64-encoded"; base64url is a base64 encoding too, but it breaks every reference peer, so it is an interoperability warning, not a failure',
      },
    ],
    tags: ['encoding'],
  },
  {
    id: 'X-9',
    level: 'MUST',
    role: 'any',
    versions: [1, 2],
    statement:
      'x402 header names are matched case-insensitively (payment-signature and PAYMENT-SIGNATURE are the same header), as for every HTTP header.',
    spec: httpV2('Header Summary'),
    seeAlso: [httpV1('Payment Payload Transmission')],
    basis: 'implied',
    tags: ['encoding'],
  },
  // The spec names no path rules; a resource served unpaid under another spelling of its URL is the
  // failure the payment required signal exists to prevent (13 upstream SDK fixes in Jul-Oct 2026,
  // x402-foundation/x402 #3036 … #3577). A 404/400 for a spelling is "not routed", never a pass of it.
  {
    id: 'RS-56',
    level: 'MUST',
    role: 'server',
    versions: [1, 2],
    statement:
      'The paid resource is not served without payment under any spelling of its path that reaches its handler: percent-encoded (`%2F`, `%5C`, encoded characters), dot-segments (`/a/../paid`, `%2e%2e`), doubled or trailing slashes, changed case, `;` parameters, backslashes and the absolute-form request target; each is answered 402 like the canonical path, or not routed at all.',
    quote:
      'If no valid payment is attached, the server responds with a payment required signal and payment requirements',
    spec: { ...coreV2('§2. Core Payment Flow'), source: FOUNDATION_MAIN },
    seeAlso: [{ ...httpV2('Payment Required Signaling'), source: FOUNDATION_MAIN }],
    basis: 'implied',
    tags: ['paywall', 'security'],
  },
]
