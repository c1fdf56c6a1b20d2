/**
 * Reading what the client sent: the payment headers in the paywall's request log, decoded strictly (for
 * the encoding and schema cases) and leniently (so the other cases can still judge a payload sent in
 * base64url or with a schema slip), and the (from, nonce) pairs they carry.
 */

import type { PaywallRequest } from '../../harness/actors/paywall/index.ts'
import { paymentsOf } from '../../harness/actors/paywall/index.ts'
import { parseJsonText, safeDecodeHeader } from '../../harness/wire/index.ts'
import type { PaymentPayload } from '../../harness/wire/types.ts'
import type { ObservedPayment } from './context.ts'

/** Every payment header in `requests`, in order. */
export function observePayments(requests: readonly PaywallRequest[]): ObservedPayment[] {
  const payments: ObservedPayment[] = []
  for (const request of requests) {
    for (const { header, raw } of paymentsOf(request)) {
      const strict = safeDecodeHeader(header, raw)
      const json = strict.ok ? strict.value : (strict.json ?? lenientJson(raw))
      payments.push({
        request,
        header,
        raw,
        receivedAt: Math.floor(request.at / 1000),
        ...(json === undefined ? {} : { json }),
        strict: strict.ok
          ? { ok: true, value: strict.value as unknown as PaymentPayload }
          : { ok: false, issues: strict.issues },
      })
    }
  }
  return payments
}

/** JSON in a header value sent raw or in either base64 alphabet, with or without padding. */
export function lenientJson(raw: string): unknown {
  const trimmed = raw.trim()
  if (trimmed.startsWith('{')) {
    const parsed = parseJsonText(trimmed)
    return parsed.ok ? parsed.value : undefined
  }
  // Node's base64 decoder takes both alphabets and missing padding.
  const text = Buffer.from(trimmed, 'base64').toString('utf8')
  const parsed = parseJsonText(text)
  return parsed.ok ? parsed.value : undefined
}

/** A payment's EIP-3009 authorization fields and signature as sent, when the payload has that shape. */
export interface SentAuthorization {
  from: unknown
  to: unknown
  value: unknown
  validAfter: unknown
  validBefore: unknown
  nonce: unknown
  signature: unknown
}

/** `payload.payload.{signature, authorization}` of a decoded payment, if present. */
export function sentAuthorization(json: unknown): SentAuthorization | undefined {
  const payload = record(record(json)?.payload)
  const authorization = record(payload?.authorization)
  if (payload === undefined || authorization === undefined) return undefined
  return {
    from: authorization.from,
    to: authorization.to,
    value: authorization.value,
    validAfter: authorization.validAfter,
    validBefore: authorization.validBefore,
    nonce: authorization.nonce,
    signature: payload.signature,
  }
}

/**
 * The nonces (lower case) of the payments that carry one. Keyed by the nonce alone, not by payer: a
 * nonce is 32 random bytes, so even across payers a repeat means it was not random.
 */
export function nonceKeys(payments: readonly ObservedPayment[]): string[] {
  const keys: string[] = []
  for (const payment of payments) {
    const nonce = sentAuthorization(payment.json)?.nonce
    if (typeof nonce === 'string') keys.push(nonce.toLowerCase())
  }
  return keys
}

/** The value as a plain object, or undefined. */
export function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}
