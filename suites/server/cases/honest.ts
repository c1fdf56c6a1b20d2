/**
 * An honest payment (transports-v2/http.md "Settlement Response Delivery", spec §5.3): 200 with the
 * resource and a settlement header whose transaction exists on chain, exactly one transfer of the price
 * to payTo, settled before the delivery, and only advertised requirements sent to the facilitator.
 */
import { serverCase } from '../case.ts'
import type { CasePayer, ServerContext, ServerResponse } from '../context.ts'
import { requireFacilitatorUsed } from './facilitator-use.ts'

/** A fresh payer pays honestly once; the resource must be delivered (RS-12). */
async function payDelivered(context: ServerContext): Promise<{ payer: CasePayer; response: ServerResponse }> {
  const payer = await context.payer()
  const response = await context.request({ payment: await payer.pay(), label: 'honest payment' })
  context.expect.delivered(response)
  return { payer, response }
}

export const honestCases = [
  serverCase({
    id: 'server.payment.honest',
    title: 'An honest payment buys the resource and moves exactly the price to payTo, once',
    requirements: ['RS-12', 'RS-18', 'RS-36'],
    needs: ['chain'],
    async run(context) {
      const { payer } = await payDelivered(context)
      await context.expect.exactlyOneTransfer(payer)
    },
  }),

  serverCase({
    id: 'server.payment.settlement-response',
    title: 'The settlement header of a paid response is a SettlementResponse naming the transfer on chain',
    requirements: ['RS-12', 'RS-13', 'RS-35', 'RS-36'],
    needs: ['chain'],
    async run(context) {
      const { payer, response } = await payDelivered(context)
      const settlement = context.expect.settlementResponse(response, { success: true, payer: payer.address })
      const transfer = await context.expect.exactlyOneTransfer(payer)
      await context.expect.transactionOnChain(settlement, transfer)
    },
  }),

  serverCase({
    id: 'server.payment.settled-before-delivery',
    title: 'The resource is delivered only after the facilitator settled the payment',
    requirements: ['RS-18'],
    needs: ['chain', 'builtin-facilitator'],
    async run(context) {
      const { payer, response } = await payDelivered(context)
      await requireFacilitatorUsed(context, payer)
      context.expect.settledBeforeDelivery(payer, response)
    },
  }),

  serverCase({
    id: 'server.payment.facilitator-requests',
    title: 'The server asks the facilitator with its own advertised requirements and the payload as sent',
    requirements: ['RS-38', 'RS-39'],
    needs: ['chain', 'builtin-facilitator'],
    async run(context) {
      const payer = await context.payer()
      const payment = await payer.pay()
      await context.request({ payment, label: 'honest payment' })
      await requireFacilitatorUsed(context, payer)
      context.expect.requirementsAdvertised(payer, payment)
    },
  }),
]
