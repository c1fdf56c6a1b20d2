/**
 * v1 messages (x402-specification-v1.md §5): the 402 JSON body, PaymentRequirements, the `X-PAYMENT`
 * PaymentPayload and the `X-PAYMENT-RESPONSE` SettlementResponse. Unknown keys are tolerated.
 */
import { z } from 'zod'
import type { PathSegment, WireIssue } from '../errors.ts'
import { evmRequirementsIssues, exactEvmPayloadIssues, isExactEvm } from './exact-evm.ts'
import { asRecord, forEachEntry, zodIssues } from './issues.ts'
import { atomicAmount, jsonObject, nonEmpty, positiveSeconds, url, v1Network } from './primitives.ts'

/** v1 PaymentRequirements (spec-v1 §5.1.2). */
export const paymentRequirementsV1Schema = z.looseObject({
  scheme: nonEmpty,
  network: v1Network,
  maxAmountRequired: atomicAmount,
  asset: nonEmpty,
  payTo: nonEmpty,
  resource: url,
  description: z.string(),
  mimeType: z.string().optional(),
  outputSchema: jsonObject.nullable().optional(),
  maxTimeoutSeconds: positiveSeconds,
  extra: jsonObject.nullable().optional(),
})

/** v1 402 body, PaymentRequirementsResponse (spec-v1 §5.1.1: all fields required). */
export const paymentRequiredV1Schema = z.looseObject({
  x402Version: z.literal(1),
  error: z.string(),
  accepts: z.array(paymentRequirementsV1Schema).min(1),
})

/** v1 PaymentPayload (spec-v1 §5.2); the scheme payload is checked separately for exact EVM. */
export const paymentPayloadV1Schema = z.looseObject({
  x402Version: z.literal(1),
  scheme: nonEmpty,
  network: v1Network,
  payload: jsonObject,
})

/** Issues in v1 PaymentRequirements. */
export function paymentRequirementsV1Issues(
  value: unknown,
  prefix: readonly PathSegment[] = [],
): WireIssue[] {
  return [...zodIssues(paymentRequirementsV1Schema, value, prefix), ...evmRequirementsIssues(value, prefix)]
}

/** Issues in a v1 402 body. */
export function paymentRequiredV1Issues(value: unknown): WireIssue[] {
  const issues = zodIssues(paymentRequiredV1Schema, value)
  forEachEntry(value, 'accepts', (entry, path) => issues.push(...evmRequirementsIssues(entry, path)))
  return issues
}

/** Issues in a v1 PaymentPayload, including the exact EVM payload shape. */
export function paymentPayloadV1Issues(value: unknown, prefix: readonly PathSegment[] = []): WireIssue[] {
  const issues = zodIssues(paymentPayloadV1Schema, value, prefix)
  const p = asRecord(value)
  if (p && isExactEvm(p.scheme, p.network) && asRecord(p.payload)) {
    issues.push(...exactEvmPayloadIssues(p.payload, [...prefix, 'payload']))
  }
  return issues
}
