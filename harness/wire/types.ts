/**
 * The x402 wire messages, v1 and v2, as the spec defines them (x402-specification-v1.md §5,
 * x402-specification-v2.md §5, §7). Field names are the spec's. Amounts and uint fields are decimal
 * strings of atomic units; `maxTimeoutSeconds` is a JSON number.
 */

/** The protocol versions the suite knows. */
export type X402Version = 1 | 2

/** A 0x-prefixed hex string. */
export type Hex = `0x${string}`

/** EIP-3009 `TransferWithAuthorization` fields as they travel on the wire (uints as decimal strings). */
export interface ExactEvmAuthorization {
  from: string
  to: string
  value: string
  validAfter: string
  validBefore: string
  nonce: string
}

/** The `payload` of an `exact` EVM payment using EIP-3009. */
export interface ExactEvmPayload {
  signature: string
  authorization: ExactEvmAuthorization
}

/** The `payload` of an `exact` EVM payment using Permit2 (scheme_exact_evm.md; uints as decimal strings). */
export interface ExactEvmPermit2Payload {
  signature: string
  permit2Authorization: {
    permitted: { token: string; amount: string }
    from: string
    spender: string
    nonce: string
    deadline: string
    witness: { to: string; validAfter: string }
  }
}

/** A scheme-specific `extra` object; for `exact` EVM it carries the token's EIP-712 `name` and `version`. */
export type RequirementsExtra = Record<string, unknown>

/** v1 PaymentRequirements (spec-v1 §5.1.2). */
export interface PaymentRequirementsV1 {
  scheme: string
  network: string
  maxAmountRequired: string
  asset: string
  payTo: string
  resource: string
  description: string
  mimeType?: string
  outputSchema?: Record<string, unknown> | null
  maxTimeoutSeconds: number
  extra?: RequirementsExtra | null
}

/** v1 402 body: PaymentRequirementsResponse (spec-v1 §5.1.1). */
export interface PaymentRequiredV1 {
  x402Version: 1
  error: string
  accepts: PaymentRequirementsV1[]
}

/** v1 PaymentPayload, sent base64-encoded in `X-PAYMENT` (spec-v1 §5.2). */
export interface PaymentPayloadV1 {
  x402Version: 1
  scheme: string
  network: string
  payload: ExactEvmPayload | ExactEvmPermit2Payload | Record<string, unknown>
}

/** v2 ResourceInfo (spec-v2 §5.1.2). `null` optionals are accepted as @x402/core accepts them. */
export interface ResourceInfo {
  url: string
  description?: string | null
  mimeType?: string | null
}

/** A v2 extension entry: `info` plus the JSON Schema that describes it (spec-v2 §5.1.2). */
export interface ExtensionEntry {
  info: Record<string, unknown>
  schema: Record<string, unknown>
}

/** v2 PaymentRequirements (spec-v2 §5.1.2). `network` is CAIP-2. */
export interface PaymentRequirementsV2 {
  scheme: string
  network: string
  amount: string
  asset: string
  payTo: string
  maxTimeoutSeconds: number
  extra?: RequirementsExtra | null
}

/** v2 PaymentRequired, sent base64-encoded in the `PAYMENT-REQUIRED` header (spec-v2 §5.1). */
export interface PaymentRequiredV2 {
  x402Version: 2
  error?: string | null
  resource: ResourceInfo
  accepts: PaymentRequirementsV2[]
  extensions?: Record<string, ExtensionEntry> | null
}

/** v2 PaymentPayload, sent base64-encoded in `PAYMENT-SIGNATURE` (spec-v2 §5.2). */
export interface PaymentPayloadV2 {
  x402Version: 2
  resource?: ResourceInfo | null
  accepted: PaymentRequirementsV2
  payload: ExactEvmPayload | ExactEvmPermit2Payload | Record<string, unknown>
  extensions?: Record<string, unknown> | null
}

/** SettlementResponse (spec-v1 §5.3, spec-v2 §5.3). v1 requires `payer`; v2 makes it optional. */
export interface SettlementResponse {
  success: boolean
  errorReason?: string
  payer?: string
  transaction: string
  network: string
  amount?: string
  extensions?: Record<string, unknown>
  [sdkExtra: string]: unknown
}

/** VerifyResponse (spec-v2 §5.4). `invalidReason` is omitted when valid. */
export interface VerifyResponse {
  isValid: boolean
  invalidReason?: string
  payer?: string
  [sdkExtra: string]: unknown
}

/** The body of `POST /verify` and `POST /settle` (spec §7.1, §7.2). */
export interface FacilitatorRequest {
  x402Version: X402Version
  paymentPayload: PaymentPayload
  paymentRequirements: PaymentRequirements
}

/** One entry of `GET /supported` `kinds` (spec §7.3). */
export interface SupportedKind {
  x402Version: X402Version
  scheme: string
  network: string
  extra?: Record<string, unknown>
}

/** `GET /supported` response. v2 adds `extensions` and `signers` (spec-v2 §7.3.1). */
export interface SupportedResponse {
  kinds: SupportedKind[]
  extensions?: string[]
  signers?: Record<string, string[]>
}

export type PaymentRequired = PaymentRequiredV1 | PaymentRequiredV2
export type PaymentRequirements = PaymentRequirementsV1 | PaymentRequirementsV2
export type PaymentPayload = PaymentPayloadV1 | PaymentPayloadV2
