/**
 * The facilitator's messages (spec §7, x402-digest §3): the `/verify` and `/settle` request body, the
 * VerifyResponse, the SettlementResponse (also what servers forward in `X-PAYMENT-RESPONSE` /
 * `PAYMENT-RESPONSE`) and `GET /supported`. Unknown keys are tolerated.
 */
import { z } from 'zod'
import { issue, type PathSegment, type WireIssue } from '../errors.ts'
import type { X402Version } from '../types.ts'
import { asRecord, describe, forEachEntry, zodIssues } from './issues.ts'
import { atomicAmount, caip2Network, jsonObject, nonEmpty, v1Network } from './primitives.ts'
import { paymentPayloadV1Issues, paymentRequirementsV1Issues } from './v1.ts'
import { paymentPayloadV2Issues, paymentRequirementsV2Issues } from './v2.ts'

/** v1 SettlementResponse (spec-v1 §5.3): `payer` is required. */
export const settlementResponseV1Schema = z.looseObject({
  success: z.boolean(),
  errorReason: z.string().optional(),
  transaction: z.string(),
  network: v1Network,
  payer: z.string(),
})

/** v2 SettlementResponse (spec-v2 §5.3): `payer` optional, `amount` optional (required for upto). */
export const settlementResponseV2Schema = z.looseObject({
  success: z.boolean(),
  errorReason: z.string().optional(),
  payer: z.string().optional(),
  transaction: z.string(),
  network: caip2Network,
  amount: atomicAmount.optional(),
  extensions: jsonObject.optional(),
})

/** VerifyResponse (spec-v2 §5.4); the same fields in v1. */
export const verifyResponseSchema = z.looseObject({
  isValid: z.boolean(),
  invalidReason: z.string().optional(),
  payer: z.string().optional(),
  // The v2 core (§5.4.2 after the pin) adds these; any other key is tolerated as well.
  extensions: jsonObject.optional(),
  extra: jsonObject.optional(),
})

const versionSchema = z.literal([1, 2])

/** The `/verify` and `/settle` request body; the payload and requirements are checked per version. */
export const facilitatorRequestSchema = z.looseObject({
  x402Version: versionSchema,
  paymentPayload: jsonObject,
  paymentRequirements: jsonObject,
})

const supportedKindV1Schema = z.looseObject({
  x402Version: z.literal(1),
  scheme: nonEmpty,
  network: v1Network,
  extra: jsonObject.optional(),
})

const supportedKindV2Schema = supportedKindV1Schema.extend({
  x402Version: z.literal(2),
  network: caip2Network,
})

// For a kind whose version is unusable, the rest is checked without assuming a network format.
const supportedKindUnknownSchema = supportedKindV1Schema
  .omit({ x402Version: true })
  .extend({ network: nonEmpty })

/** v1 `/supported`: only `kinds`. */
export const supportedV1Schema = z.looseObject({ kinds: z.array(z.unknown()) })

/** v2 `/supported`: `kinds`, `extensions` and `signers` are all required (spec-v2 §7.3.1). */
export const supportedV2Schema = z.looseObject({
  kinds: z.array(z.unknown()),
  extensions: z.array(z.string()),
  signers: z.record(z.string(), z.array(z.string())),
})

/** Issues in a SettlementResponse of the given version. */
export function settlementResponseIssues(value: unknown, version: X402Version): WireIssue[] {
  const schema = version === 1 ? settlementResponseV1Schema : settlementResponseV2Schema
  const s = asRecord(value)
  // batch-settlement (scheme_batch_settlement_evm.md "Payment Response Contract"): an answer carrying
  // the channel state may have `amount: ""` (a claim, a voucher) and `transaction: ""` (a voucher-only
  // commitment: nothing moved on chain).
  if (version === 2 && isBatchAnswer(s))
    return zodIssues(schema, { ...s, amount: s?.amount === '' ? undefined : s?.amount })
  const issues = zodIssues(schema, value)
  if (s?.success === true && s.transaction === '') {
    issues.push(
      issue(['transaction'], 'mismatch', 'empty although success is true (only a failed settlement has "")'),
    )
  }
  return issues
}

/** A batch-settlement answer: `extra.channelState` is there. */
function isBatchAnswer(s: Record<string, unknown> | undefined): boolean {
  return asRecord(asRecord(s?.extra)?.channelState) !== undefined
}

/** Issues in a VerifyResponse. */
export function verifyResponseIssues(value: unknown): WireIssue[] {
  return zodIssues(verifyResponseSchema, value)
}

/**
 * Issues in a `/verify` or `/settle` body. The payload and requirements are judged by the payload's own
 * `x402Version` (what the reference facilitator routes on), and a top-level version that disagrees with it
 * is reported as a mismatch.
 */
export function facilitatorRequestIssues(value: unknown): WireIssue[] {
  const issues = zodIssues(facilitatorRequestSchema, value)
  const body = asRecord(value)
  const top = body?.x402Version
  const payload = asRecord(body?.paymentPayload)
  const inner = payload?.x402Version
  const version = inner === 1 || inner === 2 ? inner : top === 1 || top === 2 ? top : undefined
  if (version === undefined) return issues
  if ((top === 1 || top === 2) && (inner === 1 || inner === 2) && top !== inner) {
    issues.push(
      issue(
        ['paymentPayload', 'x402Version'],
        'mismatch',
        `is ${inner} but the request's x402Version is ${top}`,
      ),
    )
  }
  if (payload) {
    const prefix = ['paymentPayload']
    issues.push(
      ...(version === 1 ? paymentPayloadV1Issues(payload, prefix) : paymentPayloadV2Issues(payload, prefix)),
    )
  }
  const requirements = asRecord(body?.paymentRequirements)
  if (requirements) {
    const prefix = ['paymentRequirements']
    issues.push(
      ...(version === 1
        ? paymentRequirementsV1Issues(requirements, prefix)
        : paymentRequirementsV2Issues(requirements, prefix)),
    )
  }
  return issues
}

/**
 * Issues in a `/supported` response of the given version. A v1 facilitator lists only v1 kinds; a v2
 * one may list both, each judged by its own `x402Version` (v1 names next to CAIP-2 ids).
 */
export function supportedIssues(value: unknown, version: X402Version): WireIssue[] {
  const issues = zodIssues(version === 1 ? supportedV1Schema : supportedV2Schema, value)
  forEachEntry(value, 'kinds', (kind, path) => issues.push(...supportedKindIssues(kind, path, version)))
  return issues
}

function supportedKindIssues(kind: unknown, path: PathSegment[], version: X402Version): WireIssue[] {
  const kindVersion = asRecord(kind)?.x402Version
  if (kindVersion === 2 && version === 2) return zodIssues(supportedKindV2Schema, kind, path)
  if (kindVersion === 1 || !asRecord(kind)) return zodIssues(supportedKindV1Schema, kind, path)
  const expected = version === 1 ? '1 (a v1 facilitator lists only v1 kinds)' : '1 or 2'
  const versionIssue =
    kindVersion === undefined
      ? issue([...path, 'x402Version'], 'missing', `required field is missing (expected ${expected})`)
      : issue([...path, 'x402Version'], 'value', `expected ${expected}, got ${describe(kindVersion)}`)
  return [versionIssue, ...zodIssues(supportedKindUnknownSchema, kind, path)]
}
