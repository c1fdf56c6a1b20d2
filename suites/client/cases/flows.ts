/**
 * Payment flows as a client meets them (core v2 §6.1): an `accepts` entry whose `extra.paymentFlow`
 * the client does not recognise is never paid, and skipped for a recognised one beside it; offered the
 * same payment under `authorization` and under `upfront`, the client chooses `authorization`.
 */
import { check, show } from '../../../harness/model/expect.ts'
import { CheckFailure } from '../../../harness/model/verdict.ts'
import type { PaymentRequirements } from '../../../harness/wire/types.ts'
import { clientCase } from '../case.ts'
import type { ClientCaseContext, ClientRun } from '../context.ts'
import {
  describeRun,
  expectOfferedTerms,
  expectOnePayment,
  expectRefused,
  paidRequests,
  refs,
} from '../verdicts/index.ts'

/** A payment flow no implementation defines. */
export const UNKNOWN_FLOW = 'x402-conformance-unknown-flow'

/** The honest offer (a fresh payTo) with `paymentFlow` in its extra, the EIP-712 domain kept. */
function offerWithFlow(
  context: ClientCaseContext,
  paymentFlow: string,
  amount?: bigint,
): PaymentRequirements {
  const honest = context.offer(amount === undefined ? {} : { amount })
  return { ...honest, extra: { ...(honest.extra ?? {}), paymentFlow } } as PaymentRequirements
}

/** Fails when any payment of `run` is for `offer` (a flow the client must not pay). */
function expectNotPaid(run: ClientRun, offer: PaymentRequirements, offers: readonly PaymentRequirements[]) {
  for (const payment of run.payments) {
    let paid: PaymentRequirements | undefined
    try {
      paid = expectOfferedTerms(payment, 2, offers)
    } catch {
      continue // not a copy of either offer: other cases judge that
    }
    if (paid === offer)
      throw new CheckFailure('the client paid an offer whose payment flow it cannot know', {
        expected: `no payment for the entry with extra.paymentFlow ${show(UNKNOWN_FLOW)}`,
        seen: describeRun(run),
        spec: refs('CL-46'),
      })
  }
}

export const unknownFlowRefused = clientCase({
  id: 'client.flow.unknown-flow',
  title: 'Offered only a payment flow it cannot recognise, the client pays nothing and reports failure',
  requirements: ['CL-46'],
  tags: ['choice', 'payment-flow'],
  async run(context) {
    const unknown = offerWithFlow(context, UNKNOWN_FLOW)
    const { endpoint } = context.honest([unknown], { settle: false })
    const run = await context.pay(endpoint)
    expectNotPaid(run, unknown, [unknown])
    expectRefused(run, `an offer whose extra.paymentFlow is ${show(UNKNOWN_FLOW)}`, ['CL-46'])
  },
})

export const unknownFlowSkipped = clientCase({
  id: 'client.flow.skips-unknown-flow',
  title:
    'Given an entry in an unknown payment flow before an authorization entry, the client pays the authorization one',
  versions: [2],
  requirements: ['CL-46', 'CL-24'],
  tags: ['choice', 'payment-flow'],
  async run(context) {
    const unknown = offerWithFlow(context, UNKNOWN_FLOW, 5_678n)
    const known = context.offer()
    const offers = [unknown, known]
    const { endpoint } = context.honest(offers, { settle: false })
    const run = await context.pay(endpoint)
    expectNotPaid(run, unknown, offers)
    check(
      paidRequests(run).length > 0,
      'the client paid nothing, though an authorization entry was offered beside the unknown flow',
      {
        expected: `a payment of ${show(known)}`,
        seen: describeRun(run),
        spec: refs('CL-46'),
        level: 'SHOULD',
      },
    )
    const payment = expectOnePayment(run, 2)
    check(
      expectOfferedTerms(payment, 2, offers) === known,
      'the client did not pay the authorization entry',
      {
        expected: show(known),
        seen: describeRun(run),
        spec: refs('CL-46'),
      },
    )
  },
})

export const prefersAuthorization = clientCase({
  id: 'client.flow.prefers-authorization',
  title:
    'Offered the same payment under upfront (first) and under authorization, the client chooses authorization',
  requirements: ['CL-47'],
  tags: ['choice', 'payment-flow'],
  async run(context) {
    const upfront = offerWithFlow(context, 'upfront')
    const authorization = context.offer()
    const offers = [upfront, authorization]
    const { endpoint } = context.honest(offers, { settle: false })
    const run = await context.pay(endpoint)
    const payment = expectOnePayment(run, 2)
    const paid = expectOfferedTerms(payment, 2, offers)
    check(
      paid === authorization,
      'the client chose the upfront flow although authorization was offered too',
      {
        expected: `the entry without extra.paymentFlow (authorization): ${show(authorization)}`,
        seen: `a payment of the extra.paymentFlow "upfront" entry: ${show(paid)}`,
        spec: refs('CL-47'),
      },
    )
  },
})

/** The payment-flow cases. */
export const flowCases = [unknownFlowRefused, unknownFlowSkipped, prefersAuthorization] as const
