/**
 * Validation of already-parsed x402 messages. `checkX` never throws and returns every issue found;
 * `parseX` returns the value or throws a `WireError`. A valid value is returned as given (same object,
 * unknown keys and key order kept), so it re-encodes exactly as it came.
 */
import { issue, unwrap, type WireIssue, type WireResult } from './errors.ts'
import {
  facilitatorRequestIssues,
  settlementResponseIssues,
  supportedIssues,
  verifyResponseIssues,
} from './schemas/facilitator.ts'
import { asRecord, describe } from './schemas/issues.ts'
import { paymentPayloadV1Issues, paymentRequiredV1Issues, paymentRequirementsV1Issues } from './schemas/v1.ts'
import { paymentPayloadV2Issues, paymentRequiredV2Issues, paymentRequirementsV2Issues } from './schemas/v2.ts'
import type {
  FacilitatorRequest,
  PaymentPayload,
  PaymentPayloadV1,
  PaymentPayloadV2,
  PaymentRequired,
  PaymentRequiredV1,
  PaymentRequiredV2,
  PaymentRequirementsV1,
  PaymentRequirementsV2,
  SettlementResponse,
  SupportedResponse,
  VerifyResponse,
  X402Version,
} from './types.ts'

function result<T>(value: unknown, issues: WireIssue[]): WireResult<T> {
  return issues.length === 0 ? { ok: true, value: value as T } : { ok: false, issues }
}

/** The message's `x402Version` if it is 1 or 2, else an issue saying what is there instead. */
function versionOf(value: unknown): X402Version | WireIssue {
  const record = asRecord(value)
  if (!record) return issue('', 'type', `expected an object, got ${describe(value)}`)
  const version = record.x402Version
  if (version === 1 || version === 2) return version
  if (version === undefined)
    return issue('x402Version', 'missing', 'required field is missing (expected 1 or 2)')
  return issue('x402Version', 'value', `expected 1 or 2, got ${describe(version)}`)
}

/** Checks v1 PaymentRequirements. */
export function checkPaymentRequirementsV1(value: unknown): WireResult<PaymentRequirementsV1> {
  return result(value, paymentRequirementsV1Issues(value))
}

/** Checks v2 PaymentRequirements. */
export function checkPaymentRequirementsV2(value: unknown): WireResult<PaymentRequirementsV2> {
  return result(value, paymentRequirementsV2Issues(value))
}

/** Checks a v1 402 body (PaymentRequirementsResponse). */
export function checkPaymentRequiredV1(value: unknown): WireResult<PaymentRequiredV1> {
  return result(value, paymentRequiredV1Issues(value))
}

/** Checks a v2 PaymentRequired (the decoded `PAYMENT-REQUIRED` header). */
export function checkPaymentRequiredV2(value: unknown): WireResult<PaymentRequiredV2> {
  return result(value, paymentRequiredV2Issues(value))
}

/** Checks a PaymentRequired of either version, chosen by its `x402Version`. */
export function checkPaymentRequired(value: unknown): WireResult<PaymentRequired> {
  const version = versionOf(value)
  if (typeof version !== 'number') return { ok: false, issues: [version] }
  return version === 1 ? checkPaymentRequiredV1(value) : checkPaymentRequiredV2(value)
}

/** Checks a v1 PaymentPayload (the decoded `X-PAYMENT` header), exact EVM payload included. */
export function checkPaymentPayloadV1(value: unknown): WireResult<PaymentPayloadV1> {
  return result(value, paymentPayloadV1Issues(value))
}

/** Checks a v2 PaymentPayload (the decoded `PAYMENT-SIGNATURE` header), exact EVM payload included. */
export function checkPaymentPayloadV2(value: unknown): WireResult<PaymentPayloadV2> {
  return result(value, paymentPayloadV2Issues(value))
}

/** Checks a PaymentPayload of either version, chosen by its `x402Version`. */
export function checkPaymentPayload(value: unknown): WireResult<PaymentPayload> {
  const version = versionOf(value)
  if (typeof version !== 'number') return { ok: false, issues: [version] }
  return version === 1 ? checkPaymentPayloadV1(value) : checkPaymentPayloadV2(value)
}

/** Checks a SettlementResponse; v1 requires `payer` and a v1 network name, v2 a CAIP-2 network. */
export function checkSettlementResponse(
  value: unknown,
  version: X402Version,
): WireResult<SettlementResponse> {
  return result(value, settlementResponseIssues(value, version))
}

/** Checks a VerifyResponse. */
export function checkVerifyResponse(value: unknown): WireResult<VerifyResponse> {
  return result(value, verifyResponseIssues(value))
}

/** Checks a `/verify` or `/settle` request body. */
export function checkFacilitatorRequest(value: unknown): WireResult<FacilitatorRequest> {
  return result(value, facilitatorRequestIssues(value))
}

/** Checks a `/supported` response: v1 needs only `kinds`; v2 also `extensions` and `signers`. */
export function checkSupported(value: unknown, version: X402Version): WireResult<SupportedResponse> {
  return result(value, supportedIssues(value, version))
}

/** Like `checkPaymentRequirementsV1`, but throws a `WireError`. */
export function parsePaymentRequirementsV1(value: unknown): PaymentRequirementsV1 {
  return unwrap(checkPaymentRequirementsV1(value), 'PaymentRequirements (v1)')
}

/** Like `checkPaymentRequirementsV2`, but throws a `WireError`. */
export function parsePaymentRequirementsV2(value: unknown): PaymentRequirementsV2 {
  return unwrap(checkPaymentRequirementsV2(value), 'PaymentRequirements (v2)')
}

/** Like `checkPaymentRequired`, but throws a `WireError`. */
export function parsePaymentRequired(value: unknown): PaymentRequired {
  return unwrap(checkPaymentRequired(value), 'PaymentRequired')
}

/** Like `checkPaymentPayload`, but throws a `WireError`. */
export function parsePaymentPayload(value: unknown): PaymentPayload {
  return unwrap(checkPaymentPayload(value), 'PaymentPayload')
}

/** Like `checkSettlementResponse`, but throws a `WireError`. */
export function parseSettlementResponse(value: unknown, version: X402Version): SettlementResponse {
  return unwrap(checkSettlementResponse(value, version), `SettlementResponse (v${version})`)
}

/** Like `checkVerifyResponse`, but throws a `WireError`. */
export function parseVerifyResponse(value: unknown): VerifyResponse {
  return unwrap(checkVerifyResponse(value), 'VerifyResponse')
}

/** Like `checkFacilitatorRequest`, but throws a `WireError`. */
export function parseFacilitatorRequest(value: unknown): FacilitatorRequest {
  return unwrap(checkFacilitatorRequest(value), 'facilitator request')
}

/** Like `checkSupported`, but throws a `WireError`. */
export function parseSupported(value: unknown, version: X402Version): SupportedResponse {
  return unwrap(checkSupported(value, version), `supported response (v${version})`)
}
