/**
 * The payment flow models of the v2 core (§6.1, x402-foundation #3053): when the facilitator's
 * read-only `/verify` and state-committing `/settle` run around the resource. `exact` defaults to
 * `authorization` (verify → resource → settle → respond) and MAY use `upfront` (settle → resource →
 * respond; scheme_exact.md "Payment Flow"). The reference server runs the ordering its `ordering` step
 * names, phase by phase (./phases.ts), so a variant can reorder it (the known-bad servers do).
 */
import type { PaymentPayload, PaymentRequirements } from '../../wire/types.ts'

/** The flows the reference server can run for `exact` (escrow is not defined for `exact`). */
export type PaymentFlow = 'authorization' | 'upfront'

/** One step of a flow's ordering, in the words of the §6.1 table. */
export type FlowPhase = 'verify' | 'settle' | 'resource' | 'respond'

/** The §6.1 orderings of the flows the reference server runs. */
export const FLOW_ORDERINGS: Readonly<Record<PaymentFlow, readonly FlowPhase[]>> = Object.freeze({
  authorization: Object.freeze(['verify', 'resource', 'settle', 'respond'] as const),
  upfront: Object.freeze(['settle', 'resource', 'respond'] as const),
})

/** Whether `value` names a flow the reference server runs. */
export function isPaymentFlow(value: unknown): value is PaymentFlow {
  return value === 'authorization' || value === 'upfront'
}

/**
 * The flow an offer declares: its `extra.paymentFlow`, or the mechanism default (`authorization` for
 * `exact`) when the key is absent ("Omitting … means the mechanism default when resolving").
 */
export function declaredFlow(requirements: PaymentRequirements): unknown {
  const extra = requirements.extra as Record<string, unknown> | undefined
  return extra?.paymentFlow ?? 'authorization'
}

/**
 * The flow a payment for `requirements` runs under, or undefined when the terms the client says it
 * accepted name an `assetTransferMethod` or `paymentFlow` the offer does not have ("Resource servers
 * MUST reject unsupported `assetTransferMethod` / payment flow combinations").
 */
export function resolveFlow(
  payload: PaymentPayload,
  requirements: PaymentRequirements,
): PaymentFlow | undefined {
  const offered = declaredFlow(requirements)
  if (!isPaymentFlow(offered)) return undefined
  if (payload.x402Version !== 2) return offered
  const accepted = (payload.accepted.extra ?? {}) as Record<string, unknown>
  const offerExtra = (requirements.extra ?? {}) as Record<string, unknown>
  if (accepted.paymentFlow !== undefined && accepted.paymentFlow !== offered) return undefined
  const method = offerExtra.assetTransferMethod ?? 'eip3009'
  if (accepted.assetTransferMethod !== undefined && accepted.assetTransferMethod !== method) return undefined
  return offered
}
