/**
 * Payment flow models (core v2 §6.1): a server that settles before the resource declares that flow in
 * `extra.paymentFlow`; it refuses a payment naming a flow or transfer method its offer does not have;
 * and a check (verify, or a settle before the resource) runs before the resource. The facilitator log
 * shows the order of the server's checks; the resource itself is inside the server, so what the suite
 * sees of the invariant is that no resource reaches the client before a check of its payment was
 * answered (a server that runs its handler first but answers only after its checks looks correct).
 */
import { check, show, skip } from '../../../harness/model/expect.ts'
import type { PaymentPayloadV2, PaymentRequirements } from '../../../harness/wire/types.ts'
import { serverCase } from '../case.ts'
import type { ServerContext } from '../context.ts'
import { specOf } from '../spec.ts'
import { isDelivery } from '../verdicts.ts'
import { requireFacilitatorUsed } from './facilitator-use.ts'
import { expectPaymentRefused } from './shared.ts'

/** A flow name no implementation defines. */
export const UNKNOWN_FLOW = 'x402-conformance-unknown-flow'

/** An asset transfer method name no mechanism defines. */
export const UNKNOWN_TRANSFER_METHOD = 'x402-conformance-unknown-method'

/** How long the facilitator holds each check of the check-before-resource case (ms). */
const CHECK_DELAY_MS = 300

/** The offer's `extra.paymentFlow`, or undefined when it declares none (the mechanism default). */
export function declaredFlowOf(offer: PaymentRequirements): unknown {
  return (offer.extra as Record<string, unknown> | undefined)?.paymentFlow
}

/** Whether the offer declares a flow other than `authorization` (settle before the resource). */
export function declaresPreHandlerFlow(offer: PaymentRequirements): boolean {
  const flow = declaredFlowOf(offer)
  return flow !== undefined && flow !== 'authorization'
}

/** The server's verify and settle calls for `payer`, in arrival order. */
function checksOf(context: ServerContext, payer: string) {
  return context.facilitator
    .calls(payer)
    .filter((call) => call.endpoint === 'verify' || call.endpoint === 'settle')
    .sort((a, b) => a.time - b.time || a.seq - b.seq)
}

/** An honest payment whose `accepted.extra` is changed after signing (the authorization stays valid). */
async function paymentWithExtra(context: ServerContext, changes: Record<string, unknown>) {
  const payer = await context.payer()
  const payment = structuredClone(await payer.pay()) as PaymentPayloadV2
  payment.accepted.extra = { ...(payment.accepted.extra ?? {}), ...changes }
  return { payer, payment }
}

export const flowCases = [
  serverCase({
    id: 'server.flow.declared',
    title:
      'A server that settles a payment before verifying it (a pre-handler flow) declares the flow in extra.paymentFlow',
    versions: [2],
    requirements: ['RS-52'],
    level: 'MUST',
    needs: ['chain', 'builtin-facilitator'],
    tags: ['payment-flow'],
    async run(context) {
      const payer = await context.payer()
      const response = await context.request({ payment: await payer.pay(), label: 'honest payment' })
      await requireFacilitatorUsed(context, payer)
      const checks = checksOf(context, payer.address)
      if (checks.length === 0)
        skip(
          `the server asked the facilitator neither /verify nor /settle for an honest payment (HTTP ${response.status}): the payment cases judge it`,
        )
      const offer = context.offer()
      const first = checks[0]!
      context.note(`the server's first check of the payment was /${first.endpoint}`, {
        order: checks.map((call) => call.endpoint),
        paymentFlow: declaredFlowOf(offer) ?? '(absent: authorization)',
      })
      if (first.endpoint === 'verify') return // verify → … is the authorization ordering; declaring it is optional
      check(
        declaresPreHandlerFlow(offer),
        'the server settled the payment without verifying it first (settle → resource), but its offer does not declare a payment flow other than authorization',
        {
          expected:
            'accepts[].extra.paymentFlow "upfront" (or "escrow") in the offer of a server that settles before the resource',
          seen: `extra.paymentFlow ${show(declaredFlowOf(offer) ?? 'absent')}; facilitator calls in order: ${checks.map((call) => `/${call.endpoint}`).join(', ')}`,
          spec: specOf('RS-52'),
        },
      )
    },
  }),

  serverCase({
    id: 'server.flow.unsupported-flow',
    title:
      'A payment whose accepted terms name a payment flow or transfer method the offer does not have is refused',
    versions: [2],
    requirements: ['RS-53', 'RS-15'],
    level: 'MUST',
    needs: ['chain'],
    tags: ['payment-flow'],
    async run(context) {
      const offer = context.offer()
      const declared = declaredFlowOf(offer)
      const variants: [string, Record<string, unknown>][] = [
        [`paymentFlow ${show(UNKNOWN_FLOW)}`, { paymentFlow: UNKNOWN_FLOW }],
        [
          `assetTransferMethod ${show(UNKNOWN_TRANSFER_METHOD)}`,
          { assetTransferMethod: UNKNOWN_TRANSFER_METHOD },
        ],
      ]
      // `exact` defines no escrow flow (scheme_exact.md "Payment Flow"): a known name it cannot run.
      if (offer.scheme === 'exact' && declared !== 'escrow')
        variants.push(['paymentFlow "escrow" (not defined for exact)', { paymentFlow: 'escrow' }])
      for (const [label, changes] of variants) {
        const { payer, payment } = await paymentWithExtra(context, changes)
        await expectPaymentRefused(
          context,
          payer,
          payment,
          `honest authorization, accepted.extra with ${label}`,
          [402, 400],
          ['RS-53'],
        )
      }
    },
  }),

  serverCase({
    id: 'server.flow.check-before-resource',
    title:
      'The resource reaches the client only after the facilitator answered a check (verify or settle) of its payment',
    versions: [2],
    requirements: ['RS-54'],
    level: 'MUST',
    needs: ['chain', 'builtin-facilitator'],
    // No dependsOn server.payment.honest: a server that sends the resource before any check of its
    // payment settles it after delivering too (RS-18, which server.payment.honest covers), so whether
    // that case sees its transfer within the grace is a race against this very defect; it must not keep
    // this case from judging. A server that delivers nothing for an honest payment skips below.
    tags: ['payment-flow'],
    async run(context) {
      const payer = await context.payer()
      // Each check takes a while, so a resource sent before its first check stands out in time.
      context.facilitator.fault(payer.address, 'both', { kind: 'delay', ms: CHECK_DELAY_MS })
      const response = await context.request({ payment: await payer.pay(), label: 'honest payment' })
      await requireFacilitatorUsed(context, payer)
      if (!isDelivery(response))
        skip(
          `the server did not deliver an honest payment (HTTP ${response.status}), so no resource could come before a check: server.payment.honest judges it`,
        )
      const answered = checksOf(context, payer.address).map((call) => ({
        endpoint: call.endpoint,
        answeredAt: call.time + Math.ceil(call.durationMs),
      }))
      const first = Math.min(...answered.map((call) => call.answeredAt))
      check(
        answered.length > 0 && first <= response.receivedAt + 1,
        'the resource reached the client before the facilitator had answered any check of its payment',
        {
          expected: `a /verify or /settle of the payment answered before the response (received at ${new Date(response.receivedAt).toISOString()})`,
          seen:
            answered.length === 0
              ? 'no /verify or /settle call had been answered when the resource arrived'
              : `first check answered at ${new Date(first).toISOString()} (${answered.map((call) => `/${call.endpoint}`).join(', ')})`,
          spec: specOf('RS-54'),
        },
      )
    },
  }),
]
