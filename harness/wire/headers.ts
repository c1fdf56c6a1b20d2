/**
 * The x402 HTTP headers: which header carries which message in each version (transports-v1/http.md,
 * transports-v2/http.md), case-insensitive lookup, decoding (strict base64 → UTF-8 JSON → validation)
 * and encoding. `decodeX402Headers` decodes whatever is present, for evidence, and never throws.
 */
import { issue, unwrap, type WireIssue, type WireResult } from './errors.ts'
import { decodeBase64Json, encodeBase64Json, parseJsonText } from './json.ts'
import {
  checkPaymentPayloadV1,
  checkPaymentPayloadV2,
  checkPaymentRequired,
  checkPaymentRequiredV1,
  checkPaymentRequiredV2,
  checkSettlementResponse,
} from './messages.ts'
import { asRecord, describe } from './schemas/issues.ts'
import type {
  PaymentPayload,
  PaymentPayloadV1,
  PaymentPayloadV2,
  PaymentRequired,
  PaymentRequiredV1,
  PaymentRequiredV2,
  SettlementResponse,
  X402Version,
} from './types.ts'

/** The message each x402 header carries. */
export interface X402HeaderMessages {
  'PAYMENT-REQUIRED': PaymentRequiredV2
  'PAYMENT-SIGNATURE': PaymentPayloadV2
  'PAYMENT-RESPONSE': SettlementResponse
  'X-PAYMENT': PaymentPayloadV1
  'X-PAYMENT-RESPONSE': SettlementResponse
  /** Optional facilitator header keyed by extension (bazaar spec, x402-digest §3.5). */
  'EXTENSION-RESPONSES': Record<string, unknown>
}

/** An x402 header name, in the spec's capitals. */
export type X402HeaderName = keyof X402HeaderMessages

/** Every x402 header name. */
export const X402_HEADER_NAMES: readonly X402HeaderName[] = [
  'PAYMENT-REQUIRED',
  'PAYMENT-SIGNATURE',
  'PAYMENT-RESPONSE',
  'X-PAYMENT',
  'X-PAYMENT-RESPONSE',
  'EXTENSION-RESPONSES',
]

/** Where each message travels in one protocol version. v1 sends the 402 challenge as the JSON body. */
export interface VersionHeaders {
  paymentRequired: 'PAYMENT-REQUIRED' | 'body'
  payment: 'PAYMENT-SIGNATURE' | 'X-PAYMENT'
  paymentResponse: 'PAYMENT-RESPONSE' | 'X-PAYMENT-RESPONSE'
}

/** The header names per version. */
export const HEADERS: Readonly<Record<X402Version, VersionHeaders>> = Object.freeze({
  1: { paymentRequired: 'body', payment: 'X-PAYMENT', paymentResponse: 'X-PAYMENT-RESPONSE' },
  2: {
    paymentRequired: 'PAYMENT-REQUIRED',
    payment: 'PAYMENT-SIGNATURE',
    paymentResponse: 'PAYMENT-RESPONSE',
  },
})

/** The header a client puts its payment in: `X-PAYMENT` (v1) or `PAYMENT-SIGNATURE` (v2). */
export function paymentHeaderName(version: X402Version): 'X-PAYMENT' | 'PAYMENT-SIGNATURE' {
  return HEADERS[version].payment
}

/** The header a server puts the settlement in: `X-PAYMENT-RESPONSE` (v1) or `PAYMENT-RESPONSE` (v2). */
export function paymentResponseHeaderName(version: X402Version): 'X-PAYMENT-RESPONSE' | 'PAYMENT-RESPONSE' {
  return HEADERS[version].paymentResponse
}

/** Headers as fetch, Node's `IncomingHttpHeaders`, plain records or `[name, value]` lists give them. */
export type HeadersLike =
  | Headers
  | Readonly<Record<string, string | readonly string[] | number | undefined>>
  | Iterable<readonly [string, string]>

/**
 * The value of a header, looked up case-insensitively; `undefined` when absent. Repeated headers are
 * joined with `, ` as fetch joins them (which a base64 decoder then rejects, as it should).
 */
export function getHeader(headers: HeadersLike, name: string): string | undefined {
  const wanted = name.toLowerCase()
  if (typeof Headers !== 'undefined' && headers instanceof Headers) return headers.get(wanted) ?? undefined
  const values: string[] = []
  const entries: Iterable<readonly [string, unknown]> =
    Symbol.iterator in headers
      ? (headers as Iterable<readonly [string, string]>)
      : Object.entries(headers as Record<string, unknown>)
  for (const [key, value] of entries) {
    if (key.toLowerCase() !== wanted || value === undefined) continue
    if (Array.isArray(value)) values.push(...value.map(String))
    else values.push(String(value))
  }
  return values.length === 0 ? undefined : values.join(', ')
}

function canonicalName<H extends X402HeaderName>(name: H | Lowercase<H>): H {
  return name.toUpperCase() as H
}

function validate(name: X402HeaderName, json: unknown): WireResult<unknown> {
  switch (name) {
    case 'PAYMENT-REQUIRED':
      return checkPaymentRequiredV2(json)
    case 'PAYMENT-SIGNATURE':
      return checkPaymentPayloadV2(json)
    case 'PAYMENT-RESPONSE':
      return checkSettlementResponse(json, 2)
    case 'X-PAYMENT':
      return checkPaymentPayloadV1(json)
    case 'X-PAYMENT-RESPONSE':
      return checkSettlementResponse(json, 1)
    case 'EXTENSION-RESPONSES':
      return asRecord(json)
        ? { ok: true, value: json }
        : { ok: false, issues: [issue('', 'type', `expected an object, got ${describe(json)}`)] }
  }
}

/** Decodes and validates one x402 header value without throwing; `json` is kept when only validation failed. */
export function safeDecodeHeader<H extends X402HeaderName>(
  name: H | Lowercase<H>,
  raw: string,
): WireResult<X402HeaderMessages[H]> {
  const decoded = decodeBase64Json(raw)
  if (!decoded.ok) return decoded
  const checked = validate(canonicalName(name), decoded.value)
  if (checked.ok) return checked as WireResult<X402HeaderMessages[H]>
  return { ok: false, issues: checked.issues, json: decoded.value }
}

/** Decodes and validates one x402 header value; throws a `WireError` that names the header. */
export function decodeHeader<H extends X402HeaderName>(
  name: H | Lowercase<H>,
  raw: string,
): X402HeaderMessages[H] {
  const header = canonicalName(name)
  return unwrap(safeDecodeHeader(header, raw), `${header} header`, header)
}

/** Encodes a message for a header: base64 of compact UTF-8 JSON, exactly as the SDKs do. No validation. */
export function encodeHeader(message: unknown): string {
  return encodeBase64Json(message)
}

/** The header (name and value) that carries a payment of the payload's version. */
export function encodePaymentHeader(payload: PaymentPayload): {
  name: 'X-PAYMENT' | 'PAYMENT-SIGNATURE'
  value: string
} {
  return { name: paymentHeaderName(payload.x402Version), value: encodeHeader(payload) }
}

/** Parses and validates a v1 402 response body without throwing. */
export function safeDecodePaymentRequiredBody(body: string): WireResult<PaymentRequiredV1> {
  const parsed = parseJsonText(body)
  if (!parsed.ok) return parsed
  const checked = checkPaymentRequiredV1(parsed.value)
  return checked.ok ? checked : { ...checked, json: parsed.value }
}

/** Parses and validates a v1 402 response body; throws a `WireError`. */
export function decodePaymentRequiredBody(body: string): PaymentRequiredV1 {
  return unwrap(safeDecodePaymentRequiredBody(body), '402 response body (v1 PaymentRequired)')
}

/** One decoded header in `decodeX402Headers`' answer: the raw value and the message or the issues. */
export type DecodedX402Header<H extends X402HeaderName = X402HeaderName> = { header: H; raw: string } & (
  | { ok: true; value: X402HeaderMessages[H] }
  | { ok: false; issues: WireIssue[]; json?: unknown }
)

/** A response body that carried an x402 challenge (v1 puts it there). */
export type DecodedX402Body =
  | { ok: true; value: PaymentRequired }
  | { ok: false; issues: WireIssue[]; json?: unknown }

/** `decodeX402Headers`' answer, keyed by lower-case header name (as evidence records store them). */
export type DecodedX402Headers = { [H in X402HeaderName as Lowercase<H>]?: DecodedX402Header<H> } & {
  body?: DecodedX402Body
}

/**
 * Decodes every x402 header present (and, given `body`, a JSON body carrying `x402Version`), for
 * evidence. Never throws: problems come back as issues next to the raw value.
 */
export function decodeX402Headers(headers: HeadersLike, options: { body?: string } = {}): DecodedX402Headers {
  const out: Record<string, unknown> = {}
  for (const name of X402_HEADER_NAMES) {
    let raw: string | undefined
    try {
      raw = getHeader(headers, name)
      if (raw === undefined) continue
      out[name.toLowerCase()] = { header: name, raw, ...safeDecodeHeader(name, raw) }
    } catch (error) {
      const issues = [issue('', 'value', `could not read the header: ${(error as Error).message}`)]
      out[name.toLowerCase()] = { header: name, raw: raw ?? '', ok: false, issues }
    }
  }
  if (options.body !== undefined) {
    const body = decodeBody(options.body)
    if (body) out.body = body
  }
  return out as DecodedX402Headers
}

function decodeBody(body: string): DecodedX402Body | undefined {
  const parsed = parseJsonText(body)
  if (!parsed.ok || !asRecord(parsed.value) || !Object.hasOwn(parsed.value as object, 'x402Version'))
    return undefined
  const checked = checkPaymentRequired(parsed.value)
  return checked.ok ? checked : { ...checked, json: parsed.value }
}
