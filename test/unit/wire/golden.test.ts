/** Golden vectors: what the published SDKs put on the wire decodes, validates and re-encodes identically. */
import { describe, expect, it } from 'vitest'
import {
  checkFacilitatorRequest,
  checkPaymentPayload,
  checkPaymentRequired,
  checkSettlementResponse,
  decodeHeader,
  decodePaymentRequiredBody,
  decodeX402Headers,
  encodeHeader,
  safeDecodeHeader,
  safeDecodePaymentRequiredBody,
  stringifyJson,
  type X402HeaderName,
} from '../../../harness/wire/index.ts'
import { v1, v2 } from './vectors.ts'

const headers: Array<{ name: X402HeaderName; raw: string; decoded: unknown }> = [
  { name: 'PAYMENT-REQUIRED', raw: v2.paymentRequiredHeader, decoded: v2.paymentRequired },
  { name: 'PAYMENT-SIGNATURE', raw: v2.paymentSignatureHeader, decoded: v2.paymentSignature },
  { name: 'PAYMENT-RESPONSE', raw: v2.paymentResponseHeader, decoded: v2.paymentResponse },
  { name: 'X-PAYMENT', raw: v1.xPaymentHeader, decoded: v1.xPayment },
  { name: 'X-PAYMENT-RESPONSE', raw: v1.xPaymentResponseHeader, decoded: v1.xPaymentResponse },
]

describe('golden vectors', () => {
  it.each(headers)(
    '$name decodes to the recorded message and re-encodes to the identical string',
    ({ name, raw, decoded }) => {
      const value = decodeHeader(name, raw)
      expect(value).toEqual(decoded)
      expect(encodeHeader(value)).toBe(raw)
      // Key order is part of "identical": the SDK's JSON text is reproduced exactly.
      expect(Buffer.from(raw, 'base64').toString('utf8')).toBe(stringifyJson(value))
    },
  )

  it.each(headers)('$name also decodes under its lower-case name', ({ name, raw }) => {
    const lower = name.toLowerCase() as Lowercase<typeof name>
    expect(safeDecodeHeader(lower, raw).ok).toBe(true)
  })

  it('the v1 402 body validates as a v1 PaymentRequired and round-trips through JSON text', () => {
    const text = JSON.stringify(v1.paymentRequired)
    const value = decodePaymentRequiredBody(text)
    expect(value).toEqual(v1.paymentRequired)
    expect(JSON.stringify(value)).toBe(text)
    expect(checkPaymentRequired(v1.paymentRequired)).toEqual({ ok: true, value: v1.paymentRequired })
  })

  it('the decoded messages validate and come back as the same objects', () => {
    const required = checkPaymentRequired(v2.paymentRequired)
    expect(required.ok && required.value).toBe(v2.paymentRequired)
    expect(checkPaymentPayload(v1.xPayment).ok).toBe(true)
    expect(checkPaymentPayload(v2.paymentSignature).ok).toBe(true)
    expect(checkSettlementResponse(v1.xPaymentResponse, 1).ok).toBe(true)
    expect(checkSettlementResponse(v2.paymentResponse, 2).ok).toBe(true)
  })

  it('the vectors do not validate under the other version', () => {
    const v1AsV2 = checkSettlementResponse(v1.xPaymentResponse, 2)
    expect(v1AsV2.ok).toBe(false)
    expect(!v1AsV2.ok && v1AsV2.issues.map((i) => i.path)).toEqual(['network'])
    const v2AsV1 = checkSettlementResponse(v2.paymentResponse, 1)
    expect(!v2AsV1.ok && v2AsV1.issues.map((i) => i.path)).toEqual(['network'])
    const wrongHeader = safeDecodeHeader('X-PAYMENT', v2.paymentSignatureHeader)
    expect(wrongHeader.ok).toBe(false)
    expect(!wrongHeader.ok && wrongHeader.json).toEqual(v2.paymentSignature)
  })

  it('facilitator request bodies built from the vectors validate', () => {
    const requestV1 = {
      x402Version: 1,
      paymentPayload: v1.xPayment,
      paymentRequirements: v1.paymentRequired.accepts[0],
    }
    const requestV2 = {
      x402Version: 2,
      paymentPayload: v2.paymentSignature,
      paymentRequirements: v2.paymentRequired.accepts[0],
    }
    expect(checkFacilitatorRequest(requestV1).ok).toBe(true)
    expect(checkFacilitatorRequest(requestV2).ok).toBe(true)
  })

  it('decodeX402Headers decodes the x402 headers of each recorded message', () => {
    const unpaid = decodeX402Headers(v2.unpaidHeaders)
    expect(Object.keys(unpaid)).toEqual(['payment-required'])
    expect(unpaid['payment-required']).toEqual({
      header: 'PAYMENT-REQUIRED',
      raw: v2.paymentRequiredHeader,
      ok: true,
      value: v2.paymentRequired,
    })
    expect(decodeX402Headers(v2.paidRequestHeaders)['payment-signature']?.ok).toBe(true)
    expect(decodeX402Headers(v2.paidHeaders)['payment-response']?.ok).toBe(true)
    expect(decodeX402Headers(v1.paidRequestHeaders)['x-payment']?.ok).toBe(true)
    expect(decodeX402Headers(v1.paidHeaders)['x-payment-response']?.ok).toBe(true)
    const v1Challenge = decodeX402Headers(v1.unpaidHeaders, { body: JSON.stringify(v1.paymentRequired) })
    expect(v1Challenge.body).toEqual({ ok: true, value: v1.paymentRequired })
  })

  it('the replays: a v2 body of {} is not an x402 message; a truncated v1 body is reported as not JSON', () => {
    expect(decodeX402Headers({}, { body: v2.replay.body })).toEqual({})
    expect(decodeX402Headers({}, { body: v1.replay.body })).toEqual({})
    const truncated = safeDecodePaymentRequiredBody(v1.replay.body)
    expect(truncated.ok).toBe(false)
    expect(!truncated.ok && truncated.issues[0]?.code).toBe('json')
  })
})
