/**
 * v2 messages (x402-specification-v2.md §5): `PAYMENT-REQUIRED`, PaymentRequirements and
 * `PAYMENT-SIGNATURE`. Unknown keys are tolerated. Optional fields may also be `null` where @x402/core's
 * own schema accepts it (`error`, `resource` and its `description`/`mimeType`, `extensions`, `extra`).
 */
import { z } from 'zod'
import type { PathSegment, WireIssue } from '../errors.ts'
import { evmRequirementsIssues, exactEvmPayloadIssues, isExactEvm } from './exact-evm.ts'
import { asRecord, forEachEntry, zodIssues } from './issues.ts'
import { atomicAmount, caip2Network, jsonObject, nonEmpty, positiveSeconds, url } from './primitives.ts'

/** v2 ResourceInfo (spec-v2 §5.1.2). */
export const resourceInfoSchema = z.looseObject({
  url,
  description: z.string().nullish(),
  mimeType: z.string().nullish(),
})

/** v2 PaymentRequirements (spec-v2 §5.1.2). */
export const paymentRequirementsV2Schema = z.looseObject({
  scheme: nonEmpty,
  network: caip2Network,
  amount: atomicAmount,
  asset: nonEmpty,
  payTo: nonEmpty,
  maxTimeoutSeconds: positiveSeconds,
  extra: jsonObject.nullable().optional(),
})

/** A v2 extension entry `{info, schema}` (spec-v2 §5.1.2). */
export const extensionEntrySchema = z.looseObject({ info: jsonObject, schema: jsonObject })

/** v2 PaymentRequired (spec-v2 §5.1). */
export const paymentRequiredV2Schema = z.looseObject({
  x402Version: z.literal(2),
  error: z.string().nullish(),
  resource: resourceInfoSchema,
  accepts: z.array(paymentRequirementsV2Schema).min(1),
  extensions: z.record(z.string(), extensionEntrySchema).nullish(),
})

/** v2 PaymentPayload (spec-v2 §5.2); the scheme payload is checked separately for exact EVM. */
export const paymentPayloadV2Schema = z.looseObject({
  x402Version: z.literal(2),
  resource: resourceInfoSchema.nullish(),
  accepted: paymentRequirementsV2Schema,
  payload: jsonObject,
  extensions: jsonObject.nullish(),
})

/** Issues in v2 PaymentRequirements. */
export function paymentRequirementsV2Issues(
  value: unknown,
  prefix: readonly PathSegment[] = [],
): WireIssue[] {
  return [...zodIssues(paymentRequirementsV2Schema, value, prefix), ...evmRequirementsIssues(value, prefix)]
}

/** Issues in a v2 PaymentRequired. */
export function paymentRequiredV2Issues(value: unknown): WireIssue[] {
  const issues = zodIssues(paymentRequiredV2Schema, value)
  forEachEntry(value, 'accepts', (entry, path) => issues.push(...evmRequirementsIssues(entry, path)))
  return issues
}

/** Issues in a v2 PaymentPayload, including `accepted` and the exact EVM payload shape. */
export function paymentPayloadV2Issues(value: unknown, prefix: readonly PathSegment[] = []): WireIssue[] {
  const issues = zodIssues(paymentPayloadV2Schema, value, prefix)
  const p = asRecord(value)
  const accepted = asRecord(p?.accepted)
  issues.push(...evmRequirementsIssues(accepted, [...prefix, 'accepted']))
  if (accepted && isExactEvm(accepted.scheme, accepted.network) && asRecord(p?.payload)) {
    issues.push(...exactEvmPayloadIssues(p?.payload, [...prefix, 'payload']))
  }
  return issues
}
