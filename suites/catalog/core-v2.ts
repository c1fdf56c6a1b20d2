/**
 * Requirements from the core spec, v2 (`specs/x402-specification-v2.md`): message shapes, the
 * extension echo rule, network identifiers and the security considerations. Where v1 has the same rule,
 * the entry covers both versions and cites v1 in `seeAlso`.
 */
import { coreV1, coreV2, coreV2Newer, exact, httpV2, specFile } from './cite.ts'
import type { RequirementInput } from './types.ts'

/** Entries whose primary source is x402-specification-v2.md (types, §10, §11). */
export const coreV2Requirements: readonly RequirementInput[] = [
  {
    id: 'RS-4',
    level: 'schema',
    role: 'server',
    versions: [2],
    statement:
      'PaymentRequired.x402Version is present and is 2; error is optional and, when present, a string.',
    quote: '`x402Version` | `number` | Required | Protocol version identifier (must be 2)',
    spec: coreV2('§5.1.2 Field Descriptions'),
    basis: 'schema-table',
  },
  {
    id: 'RS-5',
    level: 'schema',
    role: 'server',
    versions: [2],
    statement:
      'PaymentRequired.resource is a ResourceInfo object with a non-empty url string; description and mimeType are optional strings; serviceName, when present, is printable ASCII of at most 32 characters, tags at most 5 printable-ASCII strings of at most 32 characters each, and iconUrl an absolute http(s) URL of at most 2048 characters.',
    quote:
      '`serviceName` | `string` | Optional | Human-readable name of the service hosting the resource. Printable ASCII, max 32 characters.',
    spec: coreV2('§5.1.2 Field Descriptions'),
    basis: 'schema-table',
  },
  {
    id: 'RS-6',
    level: 'schema',
    role: 'server',
    versions: [2],
    statement:
      'PaymentRequired.accepts is an array of PaymentRequirements (at least one in a challenge); each has scheme, network, amount, asset and payTo as strings and maxTimeoutSeconds as a number, with extra an optional object whose protocol-reserved keys assetTransferMethod and paymentFlow, when present, are strings (on any scheme; their presence is never a failure).',
    spec: coreV2('§5.1.2 Field Descriptions'),
    seeAlso: [coreV2Newer('§6.1 Asset Transfer Methods and Payment Flow Models')],
    basis: 'schema-table',
    deviations: [
      {
        sdks: ['@x402/* 2.27'],
        behaviour:
          'The SDK type makes `extra` required (Record<string, unknown>), while its zod schema accepts it missing or null.',
        suiteHolds: 'the table: extra is optional (for exact EVM RS-9 requires it anyway)',
        why: 'the schema table is the normative source',
      },
    ],
  },
  {
    id: 'RS-8',
    level: 'schema',
    role: 'server',
    versions: [2],
    statement:
      'Each value of PaymentRequired.extensions is an object with info (object) and schema (a JSON Schema object describing info); extension data lives there, not under the reserved extra keys (assetTransferMethod, paymentFlow) of a requirement.',
    spec: coreV2('§5.1.2 Field Descriptions'),
    seeAlso: [coreV2Newer('§6.1 Asset Transfer Methods and Payment Flow Models')],
    basis: 'schema-table',
  },
  {
    id: 'RS-13',
    level: 'schema',
    role: 'server',
    versions: [1, 2],
    statement:
      'The SettlementResponse a server sends has success (boolean), transaction (string) and network (string; CAIP-2 in v2); payer is required in v1 and optional in v2.',
    spec: coreV2('§5.3.2 Field Descriptions'),
    seeAlso: [coreV1('§5.3.2 Field Descriptions')],
    basis: 'schema-table',
  },
  {
    id: 'RS-35',
    level: 'schema',
    role: 'server',
    versions: [1, 2],
    statement:
      'In a SettlementResponse the server sends, errorReason is omitted when success is true, and transaction is "" exactly when nothing was broadcast: a failure before broadcast carries "", a settlement_pending answer carries the broadcast hash (never "").',
    quote:
      'empty string if no transaction was broadcast; MUST be non-empty when `errorReason` is `settlement_pending`',
    spec: coreV2Newer('§5.3.2 Field Descriptions'),
    seeAlso: [coreV2('§5.3.2 Field Descriptions'), coreV1('§5.3.2 Field Descriptions')],
    basis: 'schema-table',
  },
  {
    id: 'RS-36',
    level: 'MUST',
    role: 'server',
    versions: [1, 2],
    statement:
      "A successful PAYMENT-RESPONSE names a transaction that exists on the requirement's network and moved exactly the advertised amount of the advertised asset from the payer to payTo; its network is the requirement's and its payer, when present, is authorization.from.",
    spec: coreV2('§5.3.2 Field Descriptions'),
    seeAlso: [coreV1('§5.3.2 Field Descriptions'), exact('Summary')],
    basis: 'implied',
    tags: ['chain', 'security'],
  },
  {
    id: 'RS-37',
    level: 'MUST',
    role: 'server',
    versions: [1, 2],
    statement:
      'A payment that was already used buys no second delivery: replaying the same payment header, one after the other or concurrently, yields at most one 200.',
    spec: coreV2('§10.1 Replay Attack Prevention'),
    seeAlso: [coreV1('§10.1 Replay Attack Prevention')],
    basis: 'implied',
    deviations: [
      {
        sdks: ['@x402/* 2.27', 'x402-express 1.2'],
        behaviour:
          'Verify runs before the handler and settle after it, so concurrent replays all pass verify and run the handler; all but one settle fails and its buffered response is discarded.',
        suiteHolds: 'at most one 200 per authorization; handler side effects are not observed',
        why: 'the spec relies on the EIP-3009 nonce; the open issues ask for stronger server-side replay protection, which the spec does not yet require',
        refs: ['x402-foundation/x402#803', 'x402-foundation/x402#1805'],
      },
    ],
    tags: ['security', 'chain', 'hostile'],
  },
  {
    id: 'RS-19',
    level: 'MUST',
    role: 'server',
    versions: [1, 2],
    statement:
      'A payment for terms the server did not offer is refused with 402 (or 400) and no delivery: a v2 accepted altered in amount, payTo, asset, network or scheme, or a v1 payload whose scheme and network match no offer.',
    spec: coreV2('§5.2.2 Field Descriptions'),
    seeAlso: [coreV1('§5.2.2 Field Descriptions'), httpV2('Error Handling')],
    basis: 'implied',
    acceptedStatus: [400, 402],
    deviations: [
      {
        sdks: ['@x402/* 2.27'],
        behaviour:
          'The answer is 402 with error "No matching payment requirements" and the facilitator is not called.',
        suiteHolds:
          '402 or 400 both pass (the error table allows either reading: failed payment or invalid requirements)',
        why: 'the spec leaves open whether a mismatched accepted is "malformed" (400) or a failed payment (402)',
      },
    ],
    tags: ['security', 'hostile'],
  },
  {
    id: 'RS-40',
    level: 'SHOULD',
    role: 'server',
    versions: [1, 2],
    statement:
      'The resource URL in the challenge (v2 resource.url, v1 accepts[].resource) identifies the resource that was requested (same path).',
    spec: coreV2('§5.1.2 Field Descriptions'),
    seeAlso: [coreV1('§5.1.2 Field Descriptions')],
    basis: 'implied',
  },
  {
    id: 'CL-2',
    level: 'schema',
    role: 'client',
    versions: [2],
    statement:
      'The v2 PaymentPayload has x402Version 2, accepted (a PaymentRequirements object) and payload (an object); resource (ResourceInfo) and extensions (object) are optional.',
    spec: coreV2('§5.2.2 Field Descriptions'),
    basis: 'schema-table',
  },
  {
    id: 'CL-4',
    level: 'MUST',
    role: 'client',
    versions: [2],
    statement:
      'A client that pays echoes the extensions it was offered: every info it received is present and unchanged in PaymentPayload.extensions; it may add to info but not delete or overwrite.',
    quote:
      'The client must include at least the info received; it may append additional info but cannot delete or overwrite existing info.',
    spec: coreV2('§5.1.2 Field Descriptions'),
    basis: 'keyword',
  },
  {
    id: 'CL-23',
    level: 'MUST',
    role: 'client',
    versions: [2],
    statement:
      'PaymentPayload.accepted is one of the offered accepts entries, field for field (scheme, network, amount, asset, payTo, maxTimeoutSeconds, extra); keys the client adds inside extra are tolerated.',
    quote:
      '`accepted` | `object` | Required | PaymentRequirements object indicating the payment method chosen',
    spec: coreV2('§5.2.2 Field Descriptions'),
    basis: 'implied',
    deviations: [
      {
        sdks: ['@x402/* 2.27'],
        behaviour:
          'The 2.27 resource server matches accepted field by field and tolerates extra keys the client adds to accepted.extra (2.10 required deep equality).',
        suiteHolds: 'all offered fields equal; added keys inside extra pass',
        why: 'the spec says accepted is the chosen requirement; the SDK tolerance for added extra keys is what interoperable clients rely on',
      },
    ],
  },
  {
    id: 'CL-24',
    level: 'MUST',
    role: 'client',
    versions: [1, 2],
    statement:
      'Given several accepts entries, the client pays one it supports and ignores entries with schemes or networks it does not know; it never pays terms that were not offered.',
    quote:
      '`accepts` | `array` | Required | Array of payment requirement objects defining acceptable payment methods',
    spec: coreV2('§5.1.2 Field Descriptions'),
    seeAlso: [coreV1('§5.1.2 Field Descriptions')],
    basis: 'implied',
  },
  {
    id: 'X-1',
    level: 'MUST',
    role: 'any',
    versions: [1, 2],
    statement:
      'An EIP-3009 authorization settles at most once: its 32-byte nonce is marked used on chain and any later settlement of it fails.',
    quote: 'EIP-3009 contracts inherently prevent nonce reuse at the smart contract level',
    spec: coreV2('§10.1 Replay Attack Prevention'),
    seeAlso: [coreV1('§10.1 Replay Attack Prevention')],
    basis: 'mechanism',
    tags: ['security', 'chain'],
  },
  {
    id: 'X-3',
    level: 'schema',
    role: 'any',
    versions: [2],
    statement:
      'Every v2 network identifier (accepts[].network, accepted.network, SettlementResponse.network, /supported kinds) is CAIP-2 namespace:reference, e.g. eip155:84532.',
    quote:
      'Networks in x402 v2 use CAIP-2 (Chain Agnostic Improvement Proposal) format: `namespace:reference`.',
    spec: coreV2('§11.1 Network Identifiers'),
    seeAlso: [coreV2('§5.1.2 Field Descriptions'), coreV2('§7.3.1 SupportedResponse Fields')],
    basis: 'schema-table',
  },
  {
    id: 'X-11',
    level: 'schema',
    role: 'any',
    versions: [1, 2],
    statement:
      'Amounts (v2 amount, v1 maxAmountRequired, authorization.value, SettlementResponse.amount) are JSON strings holding a non-negative decimal integer of atomic token units.',
    quote: '`amount` | `string` | Required | Required payment amount in atomic token units',
    spec: coreV2('§5.1.2 Field Descriptions'),
    seeAlso: [
      coreV1('§5.1.2 Field Descriptions'),
      coreV2('§5.2.2 Field Descriptions'),
      httpV2('Payment Payload Transmission'),
    ],
    basis: 'schema-table',
  },
  {
    id: 'X-2',
    level: 'MAY',
    role: 'any',
    versions: [1, 2],
    statement:
      'A server may price differently for authenticated users (e.g. SIWE), which the sign-in-with-x extension makes concrete.',
    spec: coreV2('§10.2 Authentication Integration'),
    seeAlso: [
      coreV1('§10.2 Authentication Integration'),
      specFile('extensions/sign-in-with-x.md', 'Summary'),
    ],
    basis: 'keyword',
    scope: 'later',
    scopeReason: 'extensions (sign-in-with-x) are out of scope for now',
  },
]
