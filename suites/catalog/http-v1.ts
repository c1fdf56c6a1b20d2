/**
 * Requirements from the HTTP transport, v1 (`specs/transports-v1/http.md`) that differ from v2: the
 * challenge and the error responses travel in the JSON body. Shared rules live in `http-v2.ts`.
 */
import { coreV1, httpV1 } from './cite.ts'
import type { RequirementInput } from './types.ts'

/** Entries whose primary source is transports-v1/http.md. */
export const httpV1Requirements: readonly RequirementInput[] = [
  {
    id: 'RS-3',
    level: 'MUST',
    role: 'server',
    versions: [1],
    statement:
      'The v1 402 sent to an unpaid request has Content-Type application/json and a body that is the JSON PaymentRequirementsResponse.',
    quote: '**Mechanism**: HTTP 402 status code with JSON response body',
    spec: httpV1('Payment Required Signaling'),
    seeAlso: [coreV1('§5.1.1 JSON Payload')],
    basis: 'mechanism',
    deviations: [
      {
        sdks: ['x402-express 1.2'],
        behaviour:
          'A request whose Accept contains text/html and whose User-Agent contains Mozilla gets an HTML paywall instead of the JSON body.',
        suiteHolds:
          'the spec for machine clients: the suite asks with Accept: application/json and expects the JSON body; the browser paywall is not tested in v1',
        why: 'v1 has no header to carry the challenge, so an HTML body necessarily replaces it; the spec does not address browsers',
      },
    ],
  },
  {
    id: 'RS-41',
    level: 'MUST',
    role: 'server',
    versions: [1],
    statement:
      'A v1 payment error response (400 or 402 after a payment was sent) has the body {x402Version: 1, error, accepts}, so the client can read why and pay again.',
    quote: '**Error Response Format:**',
    spec: httpV1('Error Handling'),
    seeAlso: [httpV1('Settlement Response Delivery')],
    basis: 'mechanism',
  },
  {
    id: 'CL-21',
    level: 'MUST',
    role: 'client',
    versions: [1],
    statement: 'A v1 client takes the PaymentRequirementsResponse from the JSON body of the 402.',
    quote: '**Data Format**: `PaymentRequirementsResponse` schema in response body',
    spec: httpV1('Payment Required Signaling'),
    basis: 'mechanism',
  },
]
