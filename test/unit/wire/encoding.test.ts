/** Strict base64(UTF-8 JSON): every deviation from what the SDKs emit is rejected with a typed error. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  decodeBase64,
  decodeBase64Json,
  decodeHeader,
  encodeBase64Json,
  WireError,
} from '../../../harness/wire/index.ts'
import { v2 } from './vectors.ts'

const json = '{"x402Version":2}'
const good = Buffer.from(json).toString('base64')
const url = (text: string): string => text.replaceAll('+', '-').replaceAll('/', '_')

// A payload whose base64 contains both '+' and '/', so base64url differs from base64.
const symbols = Buffer.from('{"k":"~~~???>>>"}').toString('base64')

describe('strict base64 decoding', () => {
  it('accepts what Buffer/btoa produce', () => {
    expect(good).toBe('eyJ4NDAyVmVyc2lvbiI6Mn0=')
    expect(decodeBase64Json(good)).toEqual({ ok: true, value: { x402Version: 2 } })
    expect(symbols).toMatch(/[+/]/)
    expect(decodeBase64Json(symbols)).toEqual({ ok: true, value: { k: '~~~???>>>' } })
  })

  it.each([
    ['empty', '', /empty/],
    ['base64url alphabet', url(symbols), /base64url/],
    ['base64url without padding', url(symbols).replace(/=+$/, ''), /base64url/],
    ['missing padding', good.replace(/=+$/, ''), /missing '=' padding/],
    ['extra padding', `${good}=`, /padding/],
    ['too much padding', 'QQ===', /too much padding/],
    ['padding in the middle', 'QQ==QQ==', /middle/],
    ['leading space', ` ${good}`, /whitespace at offset 0/],
    ['trailing newline', `${good}\n`, /whitespace/],
    ['line break inside (MIME style)', `${good.slice(0, 8)}\r\n${good.slice(8)}`, /whitespace at offset 8/],
    ['non-base64 byte', `${good.slice(0, 4)}*${good.slice(5)}`, /not in the base64 alphabet/],
    ['non-ASCII character', `é${good.slice(1)}`, /not in the base64 alphabet/],
    ['raw JSON', json, /raw JSON/],
    ['truncated', good.slice(0, 5), /truncated|padding/],
    ['non-canonical last character', 'e30=', undefined],
  ])('rejects %s', (_name, text, message) => {
    const result = decodeBase64(text)
    if (message === undefined) {
      // 'e30=' is canonical for '{}': prove the control case, then flip an unused bit.
      expect(result.ok).toBe(true)
      const flipped = decodeBase64('e31=')
      expect(flipped.ok).toBe(false)
      expect(!flipped.ok && flipped.issues[0]?.message).toMatch(/non-canonical/)
      return
    }
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues).toHaveLength(1)
    expect(result.issues[0]).toMatchObject({ path: '', code: 'encoding' })
    expect(result.issues[0]?.message).toMatch(message)
  })

  it('rejects bytes that are not UTF-8 and text that is not JSON', () => {
    expect(decodeBase64Json(Buffer.from([0xff, 0xfe, 0x7b, 0x7d]).toString('base64'))).toMatchObject({
      ok: false,
      issues: [{ code: 'encoding', message: expect.stringMatching(/UTF-8/) }],
    })
    expect(decodeBase64Json(Buffer.from('not json').toString('base64'))).toMatchObject({
      ok: false,
      issues: [{ code: 'json' }],
    })
    // A UTF-8 BOM before the JSON is not what any SDK sends.
    expect(decodeBase64Json(Buffer.from(`\uFEFF${json}`).toString('base64'))).toMatchObject({
      ok: false,
      issues: [{ code: 'json' }],
    })
  })

  it('a throwing header decode names the header and the problem', () => {
    const message = {
      ...v2.paymentSignature,
      resource: { url: 'http://127.0.0.1/x', description: '>>>???~~~' },
    }
    const header = encodeBase64Json(message)
    expect(header).toMatch(/[+/]/)
    expect(decodeHeader('PAYMENT-SIGNATURE', header)).toEqual(message)
    const attempt = (): unknown => decodeHeader('PAYMENT-SIGNATURE', url(header))
    expect(attempt).toThrow(WireError)
    try {
      attempt()
    } catch (error) {
      const e = error as WireError
      expect(e.header).toBe('PAYMENT-SIGNATURE')
      expect(e.message).toMatch(/^PAYMENT-SIGNATURE header: \(message\): base64url character/)
      expect(e.issues).toEqual([expect.objectContaining({ code: 'encoding' })])
    }
  })

  it('a raw-JSON PAYMENT-SIGNATURE (a common client bug) is rejected', () => {
    expect(() => decodeHeader('PAYMENT-SIGNATURE', JSON.stringify(v2.paymentSignature))).toThrow(/raw JSON/)
  })
})

describe('encoding', () => {
  it('encodes UTF-8 (non-ASCII text survives) in standard padded base64', () => {
    const message = { error: 'Zahlung erforderlich — 支払い 💸', x402Version: 2 }
    const encoded = encodeBase64Json(message)
    expect(encoded).toMatch(/^[A-Za-z0-9+/]*={0,2}$/)
    expect(encoded.length % 4).toBe(0)
    expect(decodeBase64Json(encoded)).toEqual({ ok: true, value: message })
  })

  it('refuses values JSON cannot carry', () => {
    expect(() => encodeBase64Json(undefined)).toThrow(TypeError)
    expect(() => encodeBase64Json({ value: 1n })).toThrow(TypeError)
  })

  it('property: decode ∘ encode is the identity on JSON values, and encoding is canonical', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const encoded = encodeBase64Json(value)
        const decoded = decodeBase64Json(encoded)
        expect(decoded.ok).toBe(true)
        if (!decoded.ok) return
        expect(decoded.value).toEqual(JSON.parse(JSON.stringify(value)))
        expect(encodeBase64Json(decoded.value)).toBe(encoded)
      }),
      { numRuns: 300 },
    )
  })

  it('property: any string the strict decoder accepts re-encodes to itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'AQgw+/=Zz09'.split('')), maxLength: 16 }), (text) => {
        const result = decodeBase64(text)
        if (result.ok) expect(Buffer.from(result.bytes).toString('base64')).toBe(text)
      }),
      { numRuns: 2000 },
    )
  })
})
