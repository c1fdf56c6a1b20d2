/**
 * Requirements of the facilitator HTTP API (core spec §7, with the §5.3/§5.4 response types and the §9
 * error codes), for both the facilitator and the resource server that calls it. The discovery listing
 * (§8) is listed as `later`.
 */
import { coreV1, coreV2, coreV2Newer } from './cite.ts'
import { unionOfReasons } from './reason-codes.ts'
import type { RequirementInput } from './types.ts'

const DISCOVERY_LATER =
  'the discovery listing (Bazaar) is optional for a facilitator and tied to the bazaar extension'

/** Entries whose primary source is core §5.3, §5.4, §7, §8 or §9. */
export const facilitatorApiRequirements: readonly RequirementInput[] = [
  {
    id: 'FA-1',
    level: 'MUST',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      'The facilitator serves POST /verify, POST /settle and GET /supported, taking and returning JSON.',
    quote: 'facilitator APIs are currently standardized as HTTP endpoints.',
    spec: coreV2('§7. Facilitator Interface'),
    seeAlso: [coreV1('§7. Facilitator Interface')],
    basis: 'mechanism',
  },
  {
    id: 'FA-2',
    level: 'MUST',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      "/verify and /settle take {x402Version, paymentPayload, paymentRequirements} with one PaymentRequirements object of the payload's version, and process it.",
    spec: coreV2('§7.1 POST /verify'),
    seeAlso: [coreV1('§7.1 POST /verify'), coreV2('§7.2 POST /settle'), coreV1('§7.2 POST /settle')],
    basis: 'mechanism',
  },
  {
    id: 'FA-3',
    level: 'schema',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      'A VerifyResponse has isValid (boolean); invalidReason is present only when isValid is false; payer, when present, is authorization.from; extensions and extra, when present, are objects (and are tolerated: their presence is never a failure).',
    quote: '`invalidReason` | `string`  | Optional | Reason for invalidity (omitted if valid)',
    spec: coreV2('§5.4.2 Field Descriptions'),
    seeAlso: [coreV1('§7.1 POST /verify'), coreV2Newer('§5.4.2 Field Descriptions')],
    basis: 'schema-table',
  },
  {
    id: 'FA-4',
    level: 'schema',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      'A SettleResponse has success (boolean), transaction and network; transaction is the hash of what was broadcast and "" exactly when nothing was (a failure may name a broadcast transaction that reverted; settlement_pending always names one); errorReason only on failure; payer is required in v1.',
    quote:
      'empty string if no transaction was broadcast; MUST be non-empty when `errorReason` is `settlement_pending`',
    spec: coreV2Newer('§5.3.2 Field Descriptions'),
    seeAlso: [
      coreV2('§5.3.2 Field Descriptions'),
      coreV1('§5.3.2 Field Descriptions'),
      coreV2('§7.2 POST /settle'),
      coreV1('§7.2 POST /settle'),
    ],
    basis: 'schema-table',
    deviations: [
      {
        sdks: ['@x402/* 2.27'],
        behaviour:
          "A reverted settlement returns success false with the reverted transaction's hash (invalid_exact_evm_transaction_failed); a receipt that does not arrive in time returns success false, errorReason settlement_pending and the pending hash.",
        suiteHolds:
          'the current core: a failure may name a transaction only if it was broadcast (the suite looks it up on chain); settlement_pending must name it',
        why: 'the v2 core (#3083) replaced "empty string if settlement failed" with "empty string if no transaction was broadcast", which is what the SDK does',
        refs: ['x402-foundation/x402#1062'],
      },
      {
        sdks: ['e2e facilitator'],
        behaviour: 'The reference e2e facilitator leaves payer out of some v1 failure responses.',
        suiteHolds: 'the v1 table: payer is required',
        why: '"payer | string | Required" in v1 §5.3.2',
      },
    ],
  },
  {
    id: 'FA-45',
    level: 'MUST',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      "success true means the settlement transaction is mined and succeeded on the requirements' network; the response's network is the requirements' network and its payer, when present, is authorization.from.",
    spec: coreV2('§7.2 POST /settle'),
    seeAlso: [coreV1('§7.2 POST /settle'), coreV2('§5.3.2 Field Descriptions')],
    basis: 'implied',
    tags: ['chain'],
  },
  {
    id: 'FA-53',
    level: 'MUST',
    role: 'facilitator',
    versions: [2],
    statement:
      'SettleResponse.amount, when present, is the atomic amount actually settled (for exact: the required amount).',
    quote: 'The actual amount settled in atomic units (omitted if not applicable)',
    spec: coreV2('§5.3.2 Field Descriptions'),
    basis: 'implied',
    tags: ['chain'],
  },
  {
    id: 'FA-55',
    level: 'MUST',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      '/verify is read-only: it moves no funds and consumes no nonce, so balances and authorizationState are unchanged after it.',
    quote:
      '`/verify` is **read-only**: it validates payment state but MUST NOT commit payment state or write onchain state.',
    spec: coreV2Newer('§7.1 POST /verify'),
    seeAlso: [coreV2('§7.1 POST /verify'), coreV1('§7.1 POST /verify')],
    basis: 'keyword',
    tags: ['chain'],
  },
  {
    id: 'FA-44',
    level: 'MAY',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      '/settle may be called without an earlier /verify for the same payment; a facilitator that settles it (after its own checks) is conformant, and one that refuses is recorded.',
    quote:
      '**Request:** Same structure as `/verify` endpoint (contains `paymentPayload` and `paymentRequirements`).',
    spec: coreV2('§7.2 POST /settle'),
    seeAlso: [coreV1('§7.2 POST /settle')],
    basis: 'implied',
    deviations: [
      {
        sdks: ['e2e facilitator'],
        behaviour:
          'The e2e test facilitator adds a hook that refuses to settle a payment it has not verified.',
        suiteHolds: 'either behaviour (info)',
        why: 'the spec neither requires nor forbids a prior /verify',
      },
    ],
  },
  {
    id: 'FA-5',
    level: 'schema',
    role: 'facilitator',
    versions: [2],
    statement:
      'GET /supported answers {kinds, extensions, signers}: kinds is an array of {x402Version, scheme, network, extra?}, extensions an array of strings, signers a map from CAIP-2 patterns to address arrays.',
    quote:
      '`signers`    | `object` | Required | Map of CAIP-2 patterns (e.g., `eip155:*`) to public signer addresses',
    spec: coreV2('§7.3.1 SupportedResponse Fields'),
    seeAlso: [coreV2('§7.3 GET /supported')],
    basis: 'schema-table',
    deviations: [
      {
        sdks: ['@x402/* 2.27'],
        behaviour:
          'The HTTP facilitator client defaults a missing extensions to [] and a missing signers to {}.',
        suiteHolds: 'the table: all three fields are required from a facilitator',
        why: 'client leniency does not make the fields optional',
      },
    ],
  },
  {
    id: 'FA-36',
    level: 'MUST',
    role: 'facilitator',
    versions: [1],
    statement:
      "A v1 facilitator's GET /supported answers {kinds: [{x402Version: 1, scheme, network}]} with v1 network names.",
    spec: coreV1('§7.3 GET /supported'),
    basis: 'mechanism',
  },
  {
    id: 'FA-37',
    level: 'MUST',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      'Every kind listed in /supported is served: a well-formed payment for a listed (x402Version, scheme, network) is verified on its merits, not refused as unsupported.',
    quote: 'Returns the list of payment schemes, networks, and extensions supported by the facilitator.',
    spec: coreV2('§7.3 GET /supported'),
    seeAlso: [coreV1('§7.3 GET /supported')],
    basis: 'implied',
  },
  {
    id: 'FA-38',
    level: 'SHOULD',
    role: 'facilitator',
    versions: [2],
    statement:
      "Settlement transactions on a network are sent from an address /supported lists in signers for that network's pattern.",
    quote: 'Map of CAIP-2 patterns (e.g., `eip155:*`) to public signer addresses',
    spec: coreV2('§7.3.1 SupportedResponse Fields'),
    basis: 'implied',
    tags: ['chain'],
  },
  {
    id: 'FA-32',
    level: 'MUST',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      'A payment of an unsupported scheme, network or x402 version is never answered isValid true and never settled.',
    quote: '`unsupported_scheme`: Payment scheme is not supported by the facilitator',
    spec: coreV2('§9. Error Handling'),
    seeAlso: [coreV1('§9. Error Handling'), coreV2Newer('§9. Error Handling')],
    basis: 'implied',
    acceptedReasons: unionOfReasons('scheme', 'network', 'version'),
    tags: ['hostile'],
  },
  {
    id: 'FA-40',
    level: 'SHOULD',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      'An unsupported scheme, network or version is reported in the response body (isValid false / success false with invalid_scheme, unsupported_scheme, invalid_network or invalid_x402_version), not as a bare HTTP error.',
    spec: coreV2('§9. Error Handling'),
    seeAlso: [coreV1('§9. Error Handling')],
    basis: 'implied',
    acceptedReasons: unionOfReasons('scheme', 'network', 'version'),
    deviations: [
      {
        sdks: ['@x402/* 2.27'],
        behaviour:
          'The reference facilitator answers HTTP 500 {"error": "No facilitator registered for scheme: X and network: Y"}.',
        suiteHolds: 'a coded VerifyResponse/SettleResponse passes; an HTTP error without one is a warn',
        why: 'the spec defines codes for exactly these cases, but no status rule, so the bare 500 is a missed SHOULD rather than a broken MUST (FA-32 still holds: nothing was accepted)',
      },
    ],
  },
  {
    id: 'FA-41',
    level: 'MAY',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      'The HTTP status of a /verify answer with isValid false (or a /settle answer with success false) is not fixed by the spec; the reference facilitators use 200 with the JSON body.',
    spec: coreV2('§7.1 POST /verify'),
    seeAlso: [coreV1('§7.1 POST /verify'), coreV2('§7.2 POST /settle')],
    basis: 'implied',
  },
  {
    id: 'FA-42',
    level: 'MUST',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      'A /verify or /settle request that is not JSON or lacks paymentPayload or paymentRequirements is refused (HTTP 400, or isValid/success false with invalid_payload or invalid_payment_requirements) and nothing is settled.',
    quote: '`invalid_payload`: Payment payload is malformed or contains invalid data',
    spec: coreV2('§9. Error Handling'),
    seeAlso: [coreV1('§9. Error Handling')],
    basis: 'implied',
    acceptedReasons: unionOfReasons('malformedPayload', 'malformedRequirements'),
    acceptedStatus: [200, 400, 422],
    tags: ['hostile'],
  },
  {
    id: 'FA-43',
    level: 'SHOULD',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      'invalidReason and errorReason are machine-readable codes; where §9 has a code for the failure, the facilitator uses it or a known SDK variant (the per-requirement acceptedReasons sets, generated from the @x402/* declaration sites; a code the SDKs retired stays accepted for six months).',
    quote:
      'The x402 protocol defines standard error codes that may be returned by facilitators or resource servers.',
    spec: coreV2('§9. Error Handling'),
    seeAlso: [coreV1('§9. Error Handling')],
    basis: 'implied',
    deviations: [
      {
        sdks: ['@x402/* 2.27', 'go'],
        behaviour:
          'Names differ from §9: invalid_exact_evm_signature, invalid_exact_evm_recipient_mismatch, invalid_exact_evm_network_mismatch, invalid_exact_evm_insufficient_balance, invalid_exact_evm_authorization_value; checks run in different orders, so several defects at once give different codes.',
        suiteHolds: 'each case sends one defect and accepts a set of codes per failure kind',
        why: 'no single spelling is used by all reference implementations, and the spec has no code for a parameter mismatch (#553)',
        refs: ['x402-foundation/x402#553'],
      },
      {
        sdks: ['x402 1.2'],
        behaviour:
          'The legacy enum adds invalid_payment, payment_expired and duplicate_settlement, and keeps the v1 amount code.',
        suiteHolds: 'payment_expired counts for an expired authorization, duplicate_settlement for a replay',
        why: 'same meaning as the §9 codes',
      },
    ],
  },
  {
    id: 'RS-38',
    level: 'MUST',
    role: 'server',
    versions: [1, 2],
    statement:
      "When the server calls a facilitator, the /verify and /settle bodies are {x402Version, paymentPayload, paymentRequirements}, with the client's payload as sent.",
    spec: coreV2('§7.1 POST /verify'),
    seeAlso: [coreV1('§7.1 POST /verify'), coreV2('§7.2 POST /settle')],
    basis: 'mechanism',
    tags: ['facilitator-log'],
  },
  {
    id: 'RS-39',
    level: 'MUST',
    role: 'server',
    versions: [1, 2],
    statement:
      "The paymentRequirements a server sends to /verify and /settle are one of the requirements it advertised, never values copied from the client's payload.",
    spec: coreV2('§7.1 POST /verify'),
    seeAlso: [coreV1('§7.1 POST /verify'), coreV2('§6.1.2 Verification Steps')],
    basis: 'implied',
    deviations: [
      {
        sdks: ['x402-express 1.2'],
        behaviour:
          'It selects the requirement by scheme and network only, so with two offers on the same scheme and network (e.g. two prices) it can verify against the wrong one.',
        suiteHolds: 'the requirement sent must be the advertised entry the payment is for',
        why: 'an authorization checked against another offer than the one paid is a wrong price; the suite offers one entry per scheme/network unless a case tests this',
      },
    ],
    tags: ['security', 'facilitator-log'],
  },
  {
    id: 'RS-47',
    level: 'MUST',
    role: 'server',
    versions: [1, 2],
    statement:
      'The server prices a payment from its own offer also when no challenge preceded it (or one it issued before a restart): a payment whose accepted or authorization names a lower amount or another payTo, for terms the server never quoted, buys nothing.',
    spec: coreV2('§7.1 POST /verify'),
    seeAlso: [coreV2('§6.1.2 Verification Steps'), coreV1('§7.1 POST /verify')],
    basis: 'implied',
    tags: ['security'],
  },
  {
    id: 'RS-48',
    level: 'MUST',
    role: 'server',
    versions: [1, 2],
    statement:
      'The server reads facilitator answers by their body, never by their HTTP status: only a VerifyResponse with isValid the boolean true is a valid payment, and only a SettleResponse with success the boolean true and a transaction is a settlement (an HTTP 200 with success false, no success, or "true"/1 is none), so nothing is delivered on any other answer.',
    spec: coreV2('§7.2 POST /settle'),
    seeAlso: [coreV2('§5.3.2 Field Descriptions'), coreV2('§7.1 POST /verify'), coreV1('§7.2 POST /settle')],
    basis: 'implied',
    tags: ['security', 'facilitator-log'],
  },
  {
    id: 'FA-31',
    level: 'MAY',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      'A facilitator may serve GET /discovery/resources?type&payTo&scheme&network&extensions&limit&offset (limit 1-100, default 20; offset default 0) answering {x402Version, items, pagination{limit, offset, total}}; GET /discovery/search is defined by the bazaar extension.',
    spec: coreV2('§8.1 GET /discovery/resources'),
    seeAlso: [coreV1('§8.1 GET /discovery/resources')],
    basis: 'mechanism',
    scope: 'later',
    scopeReason: DISCOVERY_LATER,
  },
  {
    id: 'FA-39',
    level: 'schema',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      'Each discovered resource has resource, type, x402Version, accepts and lastUpdated (v2: an ISO 8601 string; v1: a unix number); extensions (v2) and metadata (v1) are optional objects.',
    quote: '`lastUpdated` | `string` | Required | ISO 8601 timestamp of when the resource was last updated',
    spec: coreV2Newer('§8.3 Discovered Resource Fields'),
    seeAlso: [coreV2('§8.3 Discovered Resource Fields'), coreV1('§8.2 Discovered Resource Fields')],
    basis: 'schema-table',
    deviations: [
      {
        sdks: ['x402 1.2', 'e2e facilitator'],
        behaviour:
          'The legacy zod type uses a Date for lastUpdated; the e2e facilitator sends an ISO string.',
        suiteHolds: 'the current v2 table: an ISO 8601 string (v1 keeps the unix number)',
        why: 'the v2 core (#3067) changed lastUpdated to an ISO 8601 string; the April text said a unix number',
      },
    ],
    scope: 'later',
    scopeReason: DISCOVERY_LATER,
  },
]
