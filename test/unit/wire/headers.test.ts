/** Header names per version, case-insensitive lookup, and the never-throwing evidence decoder. */
import { describe, expect, it } from 'vitest'
import {
  decodeHeader,
  decodeX402Headers,
  encodeHeader,
  encodePaymentHeader,
  getHeader,
  HEADERS,
  paymentHeaderName,
  paymentResponseHeaderName,
  WireError,
} from '../../../harness/wire/index.ts'
import { v1, v2 } from './vectors.ts'

describe('header names per version', () => {
  it('v1 uses the JSON body, X-PAYMENT and X-PAYMENT-RESPONSE; v2 the PAYMENT-* headers', () => {
    expect(HEADERS[1]).toEqual({
      paymentRequired: 'body',
      payment: 'X-PAYMENT',
      paymentResponse: 'X-PAYMENT-RESPONSE',
    })
    expect(HEADERS[2]).toEqual({
      paymentRequired: 'PAYMENT-REQUIRED',
      payment: 'PAYMENT-SIGNATURE',
      paymentResponse: 'PAYMENT-RESPONSE',
    })
    expect(paymentHeaderName(1)).toBe('X-PAYMENT')
    expect(paymentHeaderName(2)).toBe('PAYMENT-SIGNATURE')
    expect(paymentResponseHeaderName(1)).toBe('X-PAYMENT-RESPONSE')
    expect(paymentResponseHeaderName(2)).toBe('PAYMENT-RESPONSE')
  })

  it('encodePaymentHeader picks the header by the payload version and reproduces the SDK value', () => {
    expect(encodePaymentHeader(v1.xPayment)).toEqual({ name: 'X-PAYMENT', value: v1.xPaymentHeader })
    expect(encodePaymentHeader(v2.paymentSignature)).toEqual({
      name: 'PAYMENT-SIGNATURE',
      value: v2.paymentSignatureHeader,
    })
  })
})

describe('getHeader', () => {
  const value = v2.paymentSignatureHeader

  it.each([
    ['a fetch Headers object', new Headers({ 'Payment-Signature': value })],
    ['a lower-case record (Node IncomingHttpHeaders)', { 'payment-signature': value }],
    ['an upper-case record', { 'PAYMENT-SIGNATURE': value }],
    ['a mixed-case record', { 'PaYmEnT-SiGnAtUrE': value }],
    ['a list of pairs', [['payment-signature', value]] as Array<[string, string]>],
    ['a Map', new Map([['Payment-Signature', value]])],
  ])('finds the header in %s whatever its case', (_kind, headers) => {
    expect(getHeader(headers, 'PAYMENT-SIGNATURE')).toBe(value)
    expect(getHeader(headers, 'payment-signature')).toBe(value)
    expect(getHeader(headers, 'X-PAYMENT')).toBeUndefined()
  })

  it('joins repeated headers as fetch does, so a duplicated payment header is not silently picked', () => {
    expect(getHeader({ 'x-payment': ['a', 'b'] }, 'X-PAYMENT')).toBe('a, b')
    expect(
      getHeader(
        [
          ['X-Payment', 'a'],
          ['x-payment', 'b'],
        ],
        'x-payment',
      ),
    ).toBe('a, b')
    const decoded = decodeX402Headers({ 'x-payment': [v1.xPaymentHeader, v1.xPaymentHeader] })
    expect(decoded['x-payment']).toMatchObject({ ok: false, issues: [{ code: 'encoding' }] })
  })

  it('skips undefined values and stringifies numbers', () => {
    expect(getHeader({ 'x-payment': undefined }, 'x-payment')).toBeUndefined()
    expect(getHeader({ 'content-length': 2 }, 'Content-Length')).toBe('2')
  })
})

describe('decodeX402Headers', () => {
  it('decodes every x402 header present, valid or not, and ignores the others', () => {
    const invalid = encodeHeader({ ...v2.paymentResponse, network: 'base-sepolia' })
    const decoded = decodeX402Headers(
      new Headers({
        'content-type': 'application/json',
        'PAYMENT-REQUIRED': v2.paymentRequiredHeader,
        'payment-response': invalid,
        'x-payment': 'not base64!',
        'extension-responses': encodeHeader({ bazaar: { status: 'success' } }),
      }),
    )
    expect(Object.keys(decoded).sort()).toEqual([
      'extension-responses',
      'payment-required',
      'payment-response',
      'x-payment',
    ])
    expect(decoded['payment-required']).toMatchObject({
      header: 'PAYMENT-REQUIRED',
      ok: true,
      value: v2.paymentRequired,
    })
    expect(decoded['payment-response']).toEqual({
      header: 'PAYMENT-RESPONSE',
      raw: invalid,
      ok: false,
      issues: [{ path: 'network', code: 'format', message: expect.stringMatching(/CAIP-2/) }],
      json: { ...v2.paymentResponse, network: 'base-sepolia' },
    })
    expect(decoded['x-payment']).toMatchObject({
      ok: false,
      raw: 'not base64!',
      issues: [{ code: 'encoding' }],
    })
    expect(decoded['extension-responses']).toMatchObject({
      ok: true,
      value: { bazaar: { status: 'success' } },
    })
  })

  it('never throws, whatever it is given', () => {
    const hostile = [
      {},
      { 'payment-signature': '' },
      { 'payment-signature': '=' },
      { 'payment-signature': encodeHeader(null) },
      { 'payment-signature': encodeHeader([1, 2]) },
      { 'payment-signature': encodeHeader('a string') },
      { 'payment-required': encodeHeader({ x402Version: 2, accepts: [null] }) },
    ]
    for (const headers of hostile) expect(() => decodeX402Headers(headers)).not.toThrow()
    const throwingHeaders = {
      get 'payment-signature'(): string {
        throw new Error('boom')
      },
    }
    const decoded = decodeX402Headers(throwingHeaders)
    expect(decoded['payment-signature']).toMatchObject({
      ok: false,
      issues: [{ message: expect.stringMatching(/boom/) }],
    })
    expect(JSON.parse(JSON.stringify(decoded))).toEqual(decoded)
  })

  it('reports a JSON body only when it carries an x402 message', () => {
    expect(decodeX402Headers({}, { body: '{"report":{"weather":"sunny"}}' }).body).toBeUndefined()
    expect(decodeX402Headers({}, { body: '<html>' }).body).toBeUndefined()
    const broken = decodeX402Headers(
      {},
      { body: JSON.stringify({ x402Version: 1, error: 'x', accepts: [] }) },
    )
    expect(broken.body).toMatchObject({ ok: false, issues: [{ path: 'accepts', code: 'value' }] })
  })
})

describe('decodeHeader', () => {
  it('names the header in the error, and validates by the header (X-PAYMENT is v1)', () => {
    try {
      decodeHeader('x-payment', v2.paymentSignatureHeader)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(WireError)
      const e = error as WireError
      expect(e.header).toBe('X-PAYMENT')
      expect(e.subject).toBe('X-PAYMENT header')
      expect(e.message).toMatch(/^X-PAYMENT header: x402Version: expected 1, got the number 2/)
      expect(e.json).toEqual(v2.paymentSignature)
    }
  })
})
