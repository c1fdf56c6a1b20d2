/**
 * Protocol extensions (`specs/extensions/*.md`): sign-in-with-x, payment-identifier, offer-and-receipt,
 * bazaar and the two Permit2 gas-sponsoring extensions. Listed so the report shows them as uncovered by
 * design. (The core extension echo rule, CL-4, is core v2 and is covered now.)
 */
import { coreV2Newer, specFile } from './cite.ts'
import { paymentIdentifier } from './payment-flows.ts'
import type { RequirementInput } from './types.ts'

const EXTENSIONS_LATER = 'extensions are out of scope for now (core protocol first)'

/** Extension entries, all `later`. */
export const extensionRequirements: readonly RequirementInput[] = [
  {
    id: 'RS-27',
    level: 'MUST',
    role: 'server',
    versions: [2],
    statement:
      'A SIWX server generates a unique 32-hex-character nonce and accepts a proof only if domain equals the host of the origin it is configured with (never a host taken from the request headers), uri starts with that origin, issuedAt is recent and not in the future, expirationTime (if any) is in the future and notBefore (if any) in the past.',
    quote: '`domain` MUST match the request host exactly.',
    spec: specFile('extensions/sign-in-with-x.md', 'Verification Logic / 2. Validate Message Fields'),
    deviations: [
      {
        sdks: ['@x402/* 2.27', 'go', 'python'],
        behaviour:
          'Since the origin-binding fixes (#2859, after the pin) domain and uri are checked against the origin the server is configured with, never against the Host or Forwarded headers of the request.',
        suiteHolds:
          'when this entry is covered: the configured origin (a request-header host must not satisfy the check)',
        why: 'a host taken from request headers lets an attacker choose the domain a proof is bound to; the pin text ("the request host") predates the fix',
        refs: ['x402-foundation/x402#2859'],
      },
    ],
    seeAlso: [specFile('extensions/sign-in-with-x.md', 'Server-Declared Fields')],
    basis: 'keyword',
    scope: 'later',
    scopeReason: EXTENSIONS_LATER,
  },
  {
    id: 'RS-28',
    level: 'SHOULD',
    role: 'server',
    versions: [2],
    statement: 'A SIWX server tracks used nonces to refuse a replayed proof.',
    quote: 'Server SHOULD track used nonces to prevent replay attacks.',
    spec: specFile('extensions/sign-in-with-x.md', 'Verification Logic / 2. Validate Message Fields'),
    basis: 'keyword',
    scope: 'later',
    scopeReason: EXTENSIONS_LATER,
  },
  {
    id: 'RS-29',
    level: 'MUST',
    role: 'server',
    versions: [2],
    statement:
      'A server advertising payment-identifier answers a resend of the same payment under the same id with the cached response (the same PAYMENT-RESPONSE) and settles it once; it binds the id to the request, and a different payload under that id is the conflict of RS-55.',
    quote: 'Same `id`, same payload | Return cached response',
    spec: paymentIdentifier('Idempotency Behavior'),
    seeAlso: [paymentIdentifier('Recovering a Lost Response'), paymentIdentifier('Request Binding')],
    basis: 'mechanism',
    tags: ['payment-identifier'],
  },
  {
    id: 'RS-30',
    level: 'MUST',
    role: 'server',
    versions: [1, 2],
    statement:
      'A server signing offers or receipts converts v1 networks to CAIP-2 in their payloads, keeps acceptIndex out of the signed payload and SHOULD keep offers in accepts order.',
    quote:
      'Servers MUST convert v1 network identifiers (e.g., "base-sepolia") to CAIP-2 format (e.g., "eip155:84532") in the offer payload.',
    spec: specFile('extensions/extension-offer-and-receipt.md', '§4. Signed Offer'),
    seeAlso: [specFile('extensions/extension-offer-and-receipt.md', '§5. Receipt')],
    basis: 'keyword',
    scope: 'later',
    scopeReason: EXTENSIONS_LATER,
  },
  {
    id: 'CL-13',
    level: 'MUST',
    role: 'client',
    versions: [2],
    statement:
      'A client offered payment-identifier with required true sends an id; a client that sends one generates a unique id and reuses the same id (and payment) when it retries that payment.',
    quote:
      'Generates unique `id`, reuses same `id` on retries; must provide `id` if server sets `required: true`',
    spec: paymentIdentifier('Responsibilities'),
    seeAlso: [paymentIdentifier('Recovering a Lost Response')],
    basis: 'keyword',
    tags: ['payment-identifier'],
  },
  {
    id: 'CL-16',
    level: 'MUST',
    role: 'client',
    versions: [1, 2],
    statement:
      'A client matches signed offers to accepts entries by their payload fields and never treats acceptIndex as authoritative.',
    quote: 'Clients MUST NOT treat `acceptIndex` as authoritative',
    spec: specFile('extensions/extension-offer-and-receipt.md', '§4.1.1 acceptIndex Handling'),
    basis: 'keyword',
    scope: 'later',
    scopeReason: EXTENSIONS_LATER,
  },
  {
    id: 'FA-19',
    level: 'MUST',
    role: 'facilitator',
    versions: [2],
    statement:
      'With eip2612GasSponsoring the facilitator checks the asset supports EIP-2612, that spender is the canonical Permit2 and that the permit signature recovers to from, then simulates settleWithPermit.',
    quote: 'The Facilitator MUST verify that `spender` matches the expected contract',
    spec: specFile('extensions/eip2612_gas_sponsoring.md', 'Verification Logic'),
    basis: 'keyword',
    scope: 'later',
    scopeReason: EXTENSIONS_LATER,
  },
  {
    id: 'FA-20',
    level: 'MUST',
    role: 'facilitator',
    versions: [2],
    statement:
      'With erc20ApprovalGasSponsoring the facilitator checks the decoded approve transaction (signer, target, calldata, spender = canonical Permit2, nonce, fees) and runs fund, approve and settle as one atomic batch.',
    quote:
      'The Facilitator MUST verify that `spender` in the extension data matches the spender in the decoded transaction and matches the expected contract',
    spec: specFile('extensions/erc20_gas_sponsoring.md', 'Verification Logic'),
    seeAlso: [specFile('extensions/erc20_gas_sponsoring.md', 'Settlement Logic')],
    basis: 'keyword',
    scope: 'later',
    scopeReason: EXTENSIONS_LATER,
  },
  {
    id: 'FA-29',
    level: 'MUST',
    role: 'facilitator',
    versions: [2],
    statement:
      'A bazaar facilitator validates info against schema before cataloguing, keys MCP tools by (resource.url, input.toolName), validates routeTemplate and treats an absent template as the concrete path.',
    quote: 'Facilitators **must** validate `info` against `schema` before cataloging.',
    spec: specFile('extensions/bazaar.md', 'Schema Validation'),
    seeAlso: [specFile('extensions/bazaar.md', 'Dynamic Routes and `routeTemplate`')],
    basis: 'keyword',
    scope: 'later',
    scopeReason: EXTENSIONS_LATER,
  },
  {
    id: 'FA-30',
    level: 'MAY',
    role: 'facilitator',
    versions: [2],
    statement:
      'A facilitator may add an EXTENSION-RESPONSES header to /verify and /settle answers: a sidechannel to the resource server, outside the JSON body, whose value is base64 JSON keyed by extension name (e.g. {bazaar: {status, rejectedReason?}}).',
    quote:
      'Facilitators MAY communicate extension-specific processing outcomes on verify and settle responses through a transport-specific sidechannel',
    spec: coreV2Newer('§7.2.1 Extension Responses Sidechannel'),
    seeAlso: [
      specFile('extensions/bazaar.md', 'Facilitator Behavior / Verify and Settlement Response Header'),
    ],
    basis: 'keyword',
    scope: 'later',
    scopeReason: EXTENSIONS_LATER,
  },
  {
    id: 'FA-33',
    level: 'MAY',
    role: 'facilitator',
    versions: [2],
    statement:
      'A facilitator may use the payment-identifier id to make /verify and /settle idempotent, binding the id to the request fingerprint (same id, different request: a conflict).',
    spec: paymentIdentifier('Responsibilities'),
    seeAlso: [paymentIdentifier('Request Binding')],
    basis: 'keyword',
    scope: 'later',
    scopeReason:
      'a MAY for facilitators; the suite covers the resource-server and client sides (RS-29, RS-55, CL-13, CL-48) first',
  },
  {
    id: 'X-4',
    level: 'MUST',
    role: 'any',
    versions: [1, 2],
    statement:
      'Offer and receipt signatures use the canonical EIP-712 types, which are never sent on the wire, under domain {name: "x402 offer" | "x402 receipt", version "1", chainId 1}.',
    quote:
      'The canonical `types` and `primaryType` definitions MUST NOT be included in transmitted x402 messages (offers/receipts).',
    spec: specFile(
      'extensions/extension-offer-and-receipt.md',
      '§3.2.1 EIP-712 Schema Is Normative and Not Transmitted',
    ),
    basis: 'keyword',
    scope: 'later',
    scopeReason: EXTENSIONS_LATER,
  },
]
