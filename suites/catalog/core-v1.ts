/**
 * Requirements from the core spec, v1 (`specs/x402-specification-v1.md`) that have no v2 twin: the v1
 * message shapes and network names. Verification and the facilitator API live in `exact-evm.ts` and
 * `facilitator-api.ts`, which cite v1 and v2 side by side.
 */
import { coreV1, httpV1 } from './cite.ts'
import type { RequirementInput } from './types.ts'

/** Entries whose primary source is x402-specification-v1.md (message shapes). */
export const coreV1Requirements: readonly RequirementInput[] = [
  {
    id: 'RS-7',
    level: 'schema',
    role: 'server',
    versions: [1],
    statement:
      'The v1 PaymentRequirementsResponse has x402Version 1, an error string and an accepts array; each entry has scheme, network, maxAmountRequired, asset, payTo, resource, description (strings) and maxTimeoutSeconds (number), with mimeType, outputSchema and extra optional.',
    quote: '**All fields are required.**',
    spec: coreV1('§5.1.2 Field Descriptions'),
    seeAlso: [httpV1('Payment Required Signaling')],
    basis: 'schema-table',
    deviations: [
      {
        sdks: ['@x402/* 2.27', 'x402 1.2'],
        behaviour: 'The v2 SDKs type `error` as optional for v1 too; the legacy zod schema requires it.',
        suiteHolds: 'the v1 table: error is required in v1 (v2 made it optional)',
        why: '"All fields are required." is explicit for PaymentRequirementsResponse',
      },
    ],
  },
  {
    id: 'CL-3',
    level: 'schema',
    role: 'client',
    versions: [1],
    statement: 'The v1 PaymentPayload has x402Version 1, scheme, network and payload, all required.',
    quote: '`x402Version` | `number` | Protocol version identifier (must be 1)',
    spec: coreV1('§5.2.2 Field Descriptions'),
    basis: 'schema-table',
  },
  {
    id: 'CL-19',
    level: 'MUST',
    role: 'client',
    versions: [1],
    statement:
      'The scheme and network of a v1 PaymentPayload are those of one of the requirements the server offered.',
    spec: coreV1('§5.2.2 Field Descriptions'),
    seeAlso: [coreV1('§2. Core Payment Flow')],
    basis: 'implied',
  },
  {
    id: 'X-10',
    level: 'schema',
    role: 'any',
    versions: [1],
    statement:
      'v1 messages name networks by plain identifiers such as base-sepolia or base (not CAIP-2), in requirements, payloads, settlement responses and /supported kinds.',
    quote:
      '`network` | `string` | Required | Blockchain network identifier (e.g., "base-sepolia", "ethereum-mainnet")',
    spec: coreV1('§5.1.2 Field Descriptions'),
    seeAlso: [coreV1('§11.1 Supported Networks')],
    basis: 'schema-table',
    deviations: [
      {
        sdks: ['@x402/* 2.27'],
        behaviour:
          'The SDK maps 21 v1 names to chain ids (ethereum, sepolia, base-sepolia, base, avalanche-fuji, polygon, ...); the spec lists four.',
        suiteHolds: 'any name from the SDK map is a valid v1 network; a CAIP-2 id in a v1 message fails',
        why: '§11.1 lists what the reference implementation supported, not a closed set',
      },
    ],
  },
]
