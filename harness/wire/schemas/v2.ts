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

/** Printable ASCII (space to `~`), at most 32 characters: `serviceName` and each tag (spec-v2 §5.1.2). */
const shortPrintableAscii = z
  .string()
  .max(32, 'at most 32 characters')
  .regex(/^[\x20-\x7e]*$/, 'printable ASCII only')

/** An absolute http(s) URL of at most 2048 characters (`iconUrl`, spec-v2 §5.1.2). */
const iconUrl = url
  .refine((text) => !URL.canParse(text) || /^https?:$/.test(new URL(text).protocol), 'an http or https URL')
  .refine((text) => text.length <= 2048, 'at most 2048 characters')

/** v2 ResourceInfo (spec-v2 §5.1.2, with the service metadata of foundation 92f06b5). */
export const resourceInfoSchema = z.looseObject({
  url,
  description: z.string().nullish(),
  mimeType: z.string().nullish(),
  serviceName: shortPrintableAscii.optional(),
  tags: z.array(shortPrintableAscii).max(5, 'at most 5 tags').optional(),
  iconUrl: iconUrl.optional(),
})

/**
 * `extra` of a requirement: any keys, but the protocol-reserved `assetTransferMethod` and `paymentFlow`
 * (core §6.1) are strings when present, on every scheme.
 */
const requirementsExtra = z.looseObject({
  assetTransferMethod: z.string().optional(),
  paymentFlow: z.string().optional(),
})

/** v2 PaymentRequirements (spec-v2 §5.1.2). */
export const paymentRequirementsV2Schema = z.looseObject({
  scheme: nonEmpty,
  network: caip2Network,
  amount: atomicAmount,
  asset: nonEmpty,
  payTo: nonEmpty,
  maxTimeoutSeconds: positiveSeconds,
  extra: requirementsExtra.nullable().optional(),
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
