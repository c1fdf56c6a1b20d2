/**
 * How a known-bad facilitator is made: the built-in facilitator (harness/facilitator, the suite's
 * reference) with its request handling wrapped so that exactly one requirement breaks. Each known-bad
 * declares the case ids that must catch it; test/suites/facilitator/known-bad.test.ts runs the whole
 * facilitator suite against each and fails if a listed case does not.
 */
import type { BatchFacilitatorSteps } from '../../../harness/facilitator/index.ts'
import type { IncomingRequest, Reply } from '../../../harness/facilitator/service.ts'
import type { TargetSpec } from '../../../harness/runner/fixture.ts'
import {
  type BuiltinVariant,
  type ServiceWrapper,
  startBuiltinFacilitator,
} from '../../../suites/facilitator/builtin.ts'
import type { KnownBad } from '../known-bad.ts'

/** How a known-bad facilitator differs from the built-in one: one change of it. */
export interface FacilitatorReplacement {
  /** The defect as a change of the request handling. */
  wrap?: ServiceWrapper
  /** The defect as one batch-settlement step of the facilitator replaced. */
  batchSteps?: Partial<BatchFacilitatorSteps>
  /** The defect in how the facilitator sends its transactions (its send ordering, its RPC). */
  chain?: Pick<BuiltinVariant, 'sends' | 'transport'>
  /** The defect in how it judges a mined settlement (the step harness/facilitator/settlement-check.ts). */
  settlementCheck?: BuiltinVariant['settlementCheck']
}

/** A facilitator with one defect, and the cases that must catch it (`<case id>` or `<case id>@v<n>`). */
export interface KnownBadFacilitator extends KnownBad<FacilitatorReplacement> {
  /**
   * Errors the defect causes in cases other than the ones it names (a facilitator whose transactions
   * collide breaks settles everywhere; the suite reports those as `error`, never as findings).
   */
  errorsExpected?: RegExp
}

/** Declares a known-bad facilitator. */
export function knownBad(definition: KnownBadFacilitator): KnownBadFacilitator {
  if (definition.caughtBy.length === 0) throw new Error(`known-bad ${definition.name} names no catching case`)
  const { wrap, batchSteps, chain, settlementCheck } = definition.replace
  if ([wrap, batchSteps, chain, settlementCheck].filter((part) => part !== undefined).length !== 1)
    throw new Error(
      `known-bad ${definition.name} must replace exactly one of wrap, batchSteps, chain, settlementCheck`,
    )
  return Object.freeze(definition)
}

/** The known-bad facilitator as an in-process target (the runner attaches it like any facilitator). */
export function knownBadTarget(bad: KnownBadFacilitator): TargetSpec {
  return {
    kind: 'in-process',
    label: `known-bad facilitator: ${bad.name}`,
    create: (environment) =>
      startBuiltinFacilitator(environment, {
        ...(bad.replace.wrap ? { wrap: bad.replace.wrap } : {}),
        ...(bad.replace.batchSteps ? { batchSteps: bad.replace.batchSteps } : {}),
        ...bad.replace.chain,
        ...(bad.replace.settlementCheck ? { settlementCheck: bad.replace.settlementCheck } : {}),
      }),
  }
}

/** The request's JSON body, or `undefined` when it has none or it is not JSON. */
export function bodyOf(request: IncomingRequest): unknown {
  if ('json' in request.body) return request.body.json
  if ('text' in request.body) {
    try {
      return JSON.parse(request.body.text)
    } catch {
      return undefined
    }
  }
  return undefined
}

/** The request with `body` (JSON) in place of its own. */
export function withBody(request: IncomingRequest, body: unknown): IncomingRequest {
  return { ...request, body: { json: body } }
}

/** The reply's body when it is a 200 JSON object. */
export function replyBody(reply: Reply): Record<string, unknown> | undefined {
  return reply.kind === 'json' && reply.status === 200 && isRecord(reply.body) ? reply.body : undefined
}

/** A 200 JSON reply. */
export function ok(body: unknown): Reply {
  return { kind: 'json', status: 200, body }
}

/** A decimal uint string as a bigint, or `undefined` (a known-bad must not crash on garbage). */
export function uint(value: unknown): bigint | undefined {
  return typeof value === 'string' && /^[0-9]+$/.test(value) ? BigInt(value) : undefined
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** An upto request's signed maximum and the amount its requirements ask for, when both read. */
export function uptoAmounts(envelope: Envelope): { permitted: bigint; amount: bigint } | undefined {
  if (envelope.paymentRequirements.scheme !== 'upto') return undefined
  const payload = envelope.paymentPayload.payload as unknown
  const permit = isRecord(payload) ? payload.permit2Authorization : undefined
  const permitted = isRecord(permit) && isRecord(permit.permitted) ? uint(permit.permitted.amount) : undefined
  const amount = uint(envelope.paymentRequirements.amount)
  return permitted === undefined || amount === undefined ? undefined : { permitted, amount }
}

/** A request body as far as the defects need it: the two objects, when present. */
export interface Envelope {
  x402Version?: unknown
  paymentPayload: Record<string, unknown> & {
    payload?: { authorization?: Record<string, unknown> }
    accepted?: Record<string, unknown>
  }
  paymentRequirements: Record<string, unknown>
}

/** A deep copy of the request's envelope, or `undefined` when the body is not one. */
export function envelopeOf(request: IncomingRequest): Envelope | undefined {
  const body = bodyOf(request)
  if (!isRecord(body) || !isRecord(body.paymentPayload) || !isRecord(body.paymentRequirements))
    return undefined
  return structuredClone(body) as unknown as Envelope
}

/** `paymentPayload.payload.authorization`, when the body has one. */
export function authorizationOf(envelope: Envelope): Record<string, unknown> | undefined {
  const authorization = envelope.paymentPayload.payload?.authorization
  return isRecord(authorization) ? authorization : undefined
}

/**
 * A wrapper that answers /verify with `isValid: true` whenever the real verdict is one of `reasons`:
 * a verify that skips the check those reasons come from.
 */
export function verifySkipping(...reasons: string[]): ServiceWrapper {
  return (service) => ({
    async answer(request) {
      const reply = await service.answer(request)
      const body = replyBody(reply)
      if (request.path !== '/verify' || body?.isValid !== false) return reply
      if (!reasons.includes(String(body.invalidReason))) return reply
      return ok({ isValid: true, ...(body.payer === undefined ? {} : { payer: body.payer }) })
    },
  })
}

/** A wrapper that rewrites every /verify and /settle body before the built-in facilitator sees it. */
export function rewritingRequests(rewrite: (envelope: Envelope) => void): ServiceWrapper {
  return (service) => ({
    answer(request) {
      if (request.path !== '/verify' && request.path !== '/settle') return service.answer(request)
      const envelope = envelopeOf(request)
      if (envelope === undefined) return service.answer(request)
      rewrite(envelope)
      return service.answer(withBody(request, envelope))
    },
  })
}

/** A wrapper that changes successful /settle answers. */
export function rewritingSettlements(rewrite: (settlement: Record<string, unknown>) => void): ServiceWrapper {
  return (service) => ({
    async answer(request) {
      const reply = await service.answer(request)
      const body = replyBody(reply)
      if (request.path !== '/settle' || body?.success !== true) return reply
      const changed = structuredClone(body)
      rewrite(changed)
      return ok(changed)
    },
  })
}
