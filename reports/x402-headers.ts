/**
 * The x402 headers of an HTTP exchange, decoded for display. The runner usually records them decoded in
 * `HttpEvidence.decoded`; where it did not, the report decodes them itself (base64 of UTF-8 JSON), so a
 * reader never has to paste base64 into a terminal.
 */
import type { HttpEvidence } from '../harness/model/result.ts'

/** x402 header names (lower case): v2 `PAYMENT-*`, v1 `X-PAYMENT*`. */
export const X402_HEADERS: readonly string[] = [
  'payment-required',
  'payment-signature',
  'payment-response',
  'x-payment',
  'x-payment-response',
]

/** Whether a header name is one of the x402 headers. */
export function isX402Header(name: string): boolean {
  return X402_HEADERS.includes(name.toLowerCase())
}

/** Decodes one header value: the JSON it carries, or why it could not be read. */
export function decodeX402Header(value: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const trimmed = value.trim()
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(trimmed)) return { ok: false, error: 'not standard base64' }
  try {
    return { ok: true, value: JSON.parse(Buffer.from(trimmed, 'base64').toString('utf8')) }
  } catch (error) {
    return { ok: false, error: `base64 that is not JSON (${(error as Error).message})` }
  }
}

/** One decoded x402 message of an exchange, ready to display. */
export interface DecodedEntry {
  /** e.g. `response payment-required`, or just the header name when the side is not recorded. */
  title: string
  /** Whether the message validated, when the decoder said so. */
  ok?: boolean
  /** The decoded JSON (for an invalid message, whatever JSON could be read). */
  value: unknown
  /** The decoder's problems with it, when invalid. */
  issues?: unknown
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A recorded decode: the wire decoder's `{ header, raw, ok, value | issues, json }`, or a plain value. */
function entry(title: string, recorded: unknown): DecodedEntry {
  if (isRecord(recorded) && typeof recorded.ok === 'boolean') {
    return {
      title,
      ok: recorded.ok,
      value: recorded.ok ? recorded.value : recorded.json,
      ...(recorded.issues === undefined ? {} : { issues: recorded.issues }),
    }
  }
  return { title, value: recorded }
}

/**
 * The decoded x402 messages of an exchange. Reads both shapes a runner records: per side
 * (`{ request: { 'payment-signature': … }, response: { 'payment-required': …, body: … } }`, as
 * `harness/http/exchange.ts` writes it) and flat (`{ 'payment-required': … }`). x402 headers the runner
 * left undecoded are decoded here.
 */
export function decodedX402(evidence: HttpEvidence): DecodedEntry[] {
  const entries: DecodedEntry[] = []
  const covered = new Set<string>()
  for (const [key, recorded] of Object.entries(evidence.decoded ?? {})) {
    if ((key === 'request' || key === 'response') && isRecord(recorded)) {
      for (const [name, item] of Object.entries(recorded)) {
        entries.push(entry(`${key} ${name}`, item))
        covered.add(`${key}:${name.toLowerCase()}`)
      }
    } else {
      entries.push(entry(key, recorded))
      covered.add(`request:${key.toLowerCase()}`)
      covered.add(`response:${key.toLowerCase()}`)
    }
  }
  const sides = [
    ['request', evidence.request.headers],
    ['response', evidence.response?.headers ?? {}],
  ] as const
  for (const [side, headers] of sides) {
    for (const [name, value] of Object.entries(headers)) {
      const key = name.toLowerCase()
      if (!isX402Header(key) || covered.has(`${side}:${key}`)) continue
      covered.add(`${side}:${key}`)
      const decoded = decodeX402Header(value)
      const title = `${side} ${key}`
      entries.push(
        decoded.ok
          ? { title, value: decoded.value }
          : { title, ok: false, value: undefined, issues: decoded.error },
      )
    }
  }
  return entries
}
