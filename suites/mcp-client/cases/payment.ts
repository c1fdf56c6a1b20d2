/**
 * The paid call (transports-v2/mcp.md "Payment Payload Transmission", "Payment Flow Overview"): the
 * PaymentPayload object in `_meta["x402/payment"]` of the same tool call, once; what it signs holds
 * to the HTTP client suite's checks of the signed terms, and the suite's settlement of it pays payTo.
 */

import { check } from '../../../harness/model/expect.ts'
import { expectExactlyOneTransferFrom } from '../../../harness/oracle/index.ts'
import {
  expectOfferedTerms,
  expectPaysAmount,
  expectPaysPayTo,
  expectSignatureRecovers,
  expectTimeWindow,
} from '../../client/verdicts/index.ts'
import { specRefs } from '../../spec-refs.ts'
import { mcpClientCase } from '../case.ts'
import { asObservedPayment } from '../observe.ts'
import {
  describeRun,
  expectAtMostOnePayment,
  expectNoPaymentElsewhere,
  expectOnePayment,
  expectPaymentObject,
  expectReport,
  expectSameCall,
} from '../verdicts.ts'

export const paymentCases = [
  mcpClientCase({
    id: 'mcp-client.payment.meta-object',
    title: 'The payment is a PaymentPayload object in _meta["x402/payment"], nowhere else',
    requirements: ['CL-12', 'CL-52'],
    async run(context) {
      const { endpoint } = context.honest()
      const run = await context.pay(endpoint)
      const payment = expectOnePayment(run, ['CL-12'])
      expectPaymentObject(payment, context.binding.paymentKey)
      expectNoPaymentElsewhere(run)
    },
  }),

  mcpClientCase({
    id: 'mcp-client.payment.same-call',
    title: 'The paid call repeats the unpaid call: same tool, same arguments',
    requirements: ['CL-49'],
    dependsOn: ['mcp-client.payment.meta-object'],
    async run(context) {
      const { endpoint } = context.honest()
      const run = await context.pay(endpoint)
      expectSameCall(run, expectOnePayment(run, ['CL-49']))
    },
  }),

  mcpClientCase({
    id: 'mcp-client.payment.signed-terms',
    title:
      'What the client signs is the offer: accepted, payTo, amount, time window, signature, and it settles',
    requirements: ['CL-23', 'CL-6', 'CL-30', 'CL-31', 'CL-32', 'CL-7'],
    needs: ['chain'],
    dependsOn: ['mcp-client.payment.meta-object'],
    async run(context) {
      const { endpoint, offer } = context.honest()
      const run = await context.pay(endpoint)
      const payment = asObservedPayment(expectOnePayment(run, ['CL-23']))
      expectOfferedTerms(payment, 2, [offer])
      expectPaysPayTo(payment, offer)
      expectPaysAmount(payment, offer, 2)
      expectTimeWindow(payment, offer)
      await expectSignatureRecovers(context, payment, offer)
      await expectExactlyOneTransferFrom(
        context.chain,
        { from: run.payer.address, to: offer.payTo, value: BigInt(offer.amount) },
        { spec: specRefs('CL-30', 'CL-6') },
      )
      const report = expectReport(run)
      check(report.success, 'the client did not report the paid tool result as a success', {
        expected: 'success: true',
        seen: describeRun(run),
      })
    },
  }),

  mcpClientCase({
    id: 'mcp-client.payment.one-retry',
    title: 'A paid call answered with the PaymentRequired again is not paid again',
    requirements: ['CL-50'],
    async run(context) {
      const required = context.paymentRequired([context.offer()])
      const endpoint = context.endpoint(async () => context.binding.paymentRequiredResult(required))
      const run = await context.pay(endpoint)
      expectAtMostOnePayment(run, 'for one call whose server keeps asking for payment', ['CL-50'])
    },
  }),
]
