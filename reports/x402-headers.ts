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

/** Decodes one header value: the JSON it carries, or `{ error }` saying why it could not be read. */
export function decodeX402Header(value: string): unknown {
  const trimmed = value.trim()
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(trimmed)) return { error: 'not standard base64' }
  try {
    return JSON.parse(Buffer.from(trimmed, 'base64').toString('utf8'))
  } catch (error) {
    return { error: `base64 that is not JSON (${(error as Error).message})` }
  }
}

/** The decoded x402 headers of an exchange: what the runner recorded, plus any it left undecoded. */
export function decodedX402(evidence: HttpEvidence): Record<string, unknown> {
  const decoded: Record<string, unknown> = { ...evidence.decoded }
  const present = new Set(Object.keys(decoded).map((name) => name.toLowerCase()))
  for (const headers of [evidence.request.headers, evidence.response?.headers ?? {}]) {
    for (const [name, value] of Object.entries(headers)) {
      const key = name.toLowerCase()
      if (isX402Header(key) && !present.has(key)) {
        decoded[key] = decodeX402Header(value)
        present.add(key)
      }
    }
  }
  return decoded
}
