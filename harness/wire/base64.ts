/**
 * Strict standard base64 (RFC 4648 §4: `A–Z a–z 0–9 + /`, `=` padding to a multiple of 4), the encoding
 * the x402 SDKs put in headers (x402-digest §1.4). The SDKs' own decoders are lax (a regex, then atob);
 * here every deviation is reported so a conformance case can say what a target sent: base64url, missing
 * or extra padding, whitespace, foreign bytes, and non-canonical encodings whose unused bits are not zero.
 */
import { issue, type WireIssue } from './errors.ts'

const CANONICAL = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/
const ALPHABET = /[A-Za-z0-9+/]/

/** Encodes bytes as standard padded base64. */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
}

/** Decodes strict standard base64; on failure returns the reasons instead of bytes. */
export function decodeBase64(
  text: string,
): { ok: true; bytes: Uint8Array } | { ok: false; issues: WireIssue[] } {
  const problem = diagnose(text)
  if (problem !== undefined) return { ok: false, issues: [issue('', 'encoding', problem)] }
  const bytes = new Uint8Array(Buffer.from(text, 'base64'))
  // A canonical string is exactly what encoding its bytes gives back; anything else has stray bits.
  if (encodeBase64(bytes) !== text) {
    return {
      ok: false,
      issues: [
        issue('', 'encoding', 'non-canonical base64: the unused bits of the last character are not zero'),
      ],
    }
  }
  return { ok: true, bytes }
}

/** Says why `text` is not strict standard base64, or `undefined` when it is well-formed. */
function diagnose(text: string): string | undefined {
  if (text === '') return 'empty value: expected base64-encoded JSON'
  if (CANONICAL.test(text)) return undefined
  const trimmed = text.trim()
  if (trimmed.startsWith('{') || trimmed.startsWith('['))
    return 'raw JSON where base64-encoded JSON is required'
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (ALPHABET.test(char) || char === '=') continue
    if (/\s/.test(char)) return `whitespace at offset ${i}: base64 must not contain spaces or line breaks`
    if (char === '-' || char === '_') {
      return `base64url character '${char}' at offset ${i}: standard base64 (RFC 4648 §4, '+' and '/') is required`
    }
    return `character ${JSON.stringify(char)} at offset ${i} is not in the base64 alphabet`
  }
  const firstPad = text.indexOf('=')
  if (firstPad !== -1 && /[^=]/.test(text.slice(firstPad)))
    return `padding '=' in the middle at offset ${firstPad}`
  const padding = firstPad === -1 ? 0 : text.length - firstPad
  if (padding > 2) return `too much padding: ${padding} '=' characters (at most 2)`
  if (text.length % 4 !== 0) {
    const body = text.length - padding
    if (body % 4 === 1) return `truncated: ${body} base64 characters cannot encode whole bytes`
    return padding === 0
      ? `missing '=' padding: length ${text.length} is not a multiple of 4`
      : `wrong padding: length ${text.length} is not a multiple of 4`
  }
  return `wrong padding: ${padding} '=' after ${text.length - padding} characters`
}
