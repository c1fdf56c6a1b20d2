/**
 * The JSON layer of x402 headers: UTF-8 JSON inside strict base64, produced the way the SDKs produce it
 * (`JSON.stringify` with no spacing, key order kept), so a decoded header re-encodes to the same string.
 */
import { decodeBase64, encodeBase64 } from './base64.ts'
import { issue, type WireResult } from './errors.ts'

// fatal: invalid UTF-8 is an error, not U+FFFD. ignoreBOM: a BOM is kept, so JSON.parse rejects it.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** Parses JSON text; a syntax error becomes a `json` issue. */
export function parseJsonText(text: string): WireResult<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch (error) {
    return { ok: false, issues: [issue('', 'json', `not JSON: ${(error as Error).message}`)] }
  }
}

/** Serialises a value as compact JSON, as the SDKs do; throws on values JSON cannot carry. */
export function stringifyJson(value: unknown): string {
  const text = JSON.stringify(value)
  if (text === undefined) throw new TypeError(`cannot encode ${typeof value} as JSON`)
  return text
}

/** Decodes base64(UTF-8 JSON) without looking at the JSON's shape. */
export function decodeBase64Json(text: string): WireResult<unknown> {
  const decoded = decodeBase64(text)
  if (!decoded.ok) return decoded
  let json: string
  try {
    json = utf8.decode(decoded.bytes)
  } catch {
    return { ok: false, issues: [issue('', 'encoding', 'the base64 does not decode to valid UTF-8')] }
  }
  return parseJsonText(json)
}

/** Encodes any value as base64(UTF-8 JSON). No validation: hostile cases encode invalid messages too. */
export function encodeBase64Json(value: unknown): string {
  return encodeBase64(new TextEncoder().encode(stringifyJson(value)))
}
