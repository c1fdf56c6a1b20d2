/**
 * Paid calls (transports-v2/mcp.md "Payment Payload Transmission", "Settlement Response Delivery"):
 * an honest payment object buys the tool's content with the SettlementResponse object in
 * `_meta["x402/payment-response"]`, settled once on chain; anything under the payment key that is not
 * a PaymentPayload object buys nothing and gets the PaymentRequired back.
 */
import { encodeBase64Json } from '../../../harness/wire/json.ts'
import { specRefs } from '../../spec-refs.ts'
import { mcpServerCase } from '../case.ts'

/** What a confused or hostile client may put under the payment key instead of a PaymentPayload object. */
const GARBAGE: readonly { label: string; value: unknown }[] = [
  { label: 'a plain string', value: 'not-a-payment' },
  { label: 'base64 of a JSON object that is no payment', value: encodeBase64Json({ hello: 'world' }) },
  { label: 'a number', value: 402 },
  { label: 'an array', value: [] },
  { label: 'an empty object', value: {} },
  { label: 'an object with only x402Version', value: { x402Version: 2 } },
  { label: 'null', value: null },
]

export const paymentCases = [
  mcpServerCase({
    id: 'mcp-server.payment.honest',
    title:
      'An honest payment buys the content, with a SettlementResponse object in _meta["x402/payment-response"]',
    requirements: ['RS-23', 'RS-60'],
    needs: ['chain'],
    async run(context) {
      const payer = await context.payer()
      const payment = await payer.pay()
      const answer = await context.call({ payment, label: 'honest payment' })
      const result = context.expect.content(answer, 'an honest payment', ['RS-23'])
      await context.expect.receipt(result, payer.address)
    },
  }),

  mcpServerCase({
    id: 'mcp-server.payment.not-a-payload',
    title:
      'Anything under _meta["x402/payment"] that is not a PaymentPayload object gets the PaymentRequired',
    requirements: ['RS-59'],
    dependsOn: ['mcp-server.challenge.tool-result'],
    async run(context) {
      for (const { label, value } of GARBAGE) {
        const answer = await context.call({ payment: value, label: `payment is ${label}` })
        context.expect.noContent(answer, `a payment that is ${label}`, { spec: specRefs('RS-59') })
        context.expect.paymentRequiredResult(answer, ['RS-59'])
      }
    },
  }),
]
