/** Verdicts on how a payment is carried: the version's header, standard base64 JSON, the payload schema, decimal strings. */
import { check, show } from '../../../harness/model/expect.ts'
import { CheckFailure } from '../../../harness/model/verdict.ts'
import {
  checkPaymentPayloadV1,
  checkPaymentPayloadV2,
  decodeBase64,
  decodeBase64Json,
  paymentHeaderName,
  type WireIssue,
} from '../../../harness/wire/index.ts'
import type { X402Version } from '../../../harness/wire/types.ts'
import type { ObservedPayment } from '../context.ts'
import { record, sentAuthorization } from '../observe.ts'
import { clip, refs, requirementLevel } from './run.ts'

/** A payment's decoded JSON object (any base64 alphabet), or a failure saying it is not JSON. */
export function payloadJson(payment: ObservedPayment): Record<string, unknown> {
  const json = record(payment.json)
  if (json === undefined) {
    throw new CheckFailure(`the ${payment.header} header does not hold a JSON object`, {
      expected: 'base64 of a JSON PaymentPayload',
      seen: clip(payment.raw),
      spec: refs('X-7'),
    })
  }
  return json
}

/** The payment came in the header of the challenge's version, with a payload of that version (CL-1, CL-35). */
export function expectVersionHeader(payment: ObservedPayment, version: X402Version): void {
  const header = paymentHeaderName(version)
  check(payment.header === header, `the payment came in ${payment.header}, not in the v${version} header`, {
    expected: `${header} (a v${version} challenge)`,
    seen: payment.header,
    spec: refs('CL-1', 'CL-35'),
  })
  const sentVersion = payloadJson(payment).x402Version
  check(
    sentVersion === version,
    `the payment answers a v${version} challenge with x402Version ${show(sentVersion)}`,
    {
      expected: `x402Version: ${version}`,
      seen: `x402Version: ${show(sentVersion)}`,
      spec: refs('CL-35'),
    },
  )
}

/**
 * The header value is standard base64 of UTF-8 JSON (X-7, a MUST); base64url is a SHOULD (X-8: every
 * reference decoder rejects it); missing padding passes, as the catalogue holds.
 */
export function expectStandardBase64(payment: ObservedPayment): void {
  const base64 = decodeBase64(payment.raw)
  if (!base64.ok) {
    const problem = base64.issues[0]!.message
    if (/base64url/.test(problem)) {
      throw new CheckFailure(`the ${payment.header} header uses the base64url alphabet`, {
        expected: 'standard base64 (RFC 4648 §4, + and /)',
        seen: `${problem}: ${clip(payment.raw)}`,
        spec: refs('X-8'),
        level: requirementLevel('X-8'),
      })
    }
    const unpadded = /padding/.test(problem) && decodeBase64(padded(payment.raw)).ok
    if (!unpadded) {
      throw new CheckFailure(`the ${payment.header} header is not base64-encoded JSON`, {
        expected: 'base64 of the JSON PaymentPayload',
        seen: `${problem}: ${clip(payment.raw)}`,
        spec: refs('X-7'),
      })
    }
  }
  const json = decodeBase64Json(base64.ok ? payment.raw : padded(payment.raw))
  if (!json.ok) {
    throw new CheckFailure(`the ${payment.header} header is base64, but not of UTF-8 JSON`, {
      expected: 'base64 of the JSON PaymentPayload',
      seen: `${json.issues[0]!.message}: ${clip(payment.raw)}`,
      spec: refs('X-7'),
    })
  }
}

function padded(raw: string): string {
  return raw.length % 4 === 0 ? raw : raw + '='.repeat(4 - (raw.length % 4))
}

/** The payload passes the schema of its version, exact EVM payload included (CL-2/CL-3, CL-5, X-3/X-10, X-11). */
export function expectPayloadSchema(payment: ObservedPayment, version: X402Version): void {
  const json = payloadJson(payment)
  const checked = version === 1 ? checkPaymentPayloadV1(json) : checkPaymentPayloadV2(json)
  if (checked.ok) return
  throw new CheckFailure(`the v${version} PaymentPayload is malformed`, {
    expected: `a v${version} PaymentPayload with an exact EVM payload (every field present, strings where the spec says string)`,
    seen: describeIssues(checked.issues),
    spec: refs(version === 1 ? 'CL-3' : 'CL-2', 'CL-5'),
  })
}

/** Uint fields are decimal strings (CL-29, a SHOULD; the schema case already fails a non-string). */
export function expectDecimalStrings(payment: ObservedPayment): void {
  const sent = sentAuthorization(payment.json)
  if (sent === undefined) return
  for (const field of ['value', 'validAfter', 'validBefore'] as const) {
    const value = sent[field]
    check(
      typeof value === 'string' && /^(0|[1-9][0-9]*)$/.test(value),
      `authorization.${field} is not a decimal string`,
      {
        expected: 'a decimal integer string, as in every spec example',
        seen: show(value),
        spec: refs('CL-29'),
        level: requirementLevel('CL-29'),
      },
    )
  }
}

function describeIssues(issues: readonly WireIssue[]): string {
  return issues
    .slice(0, 6)
    .map((issue) => `${issue.path || '(root)'}: ${issue.message}`)
    .join('; ')
}
