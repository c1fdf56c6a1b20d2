/**
 * The legacy wire (pre-spec `x402-mcp` 0.0.x: `_meta["x402.payment"]`, base64): a server that asks
 * for it is not paid into it. The spec's key is `x402/payment`; a payment anywhere else is money sent
 * where no conformant server looks, or to a server that reads it outside the spec's checks.
 */
import { mcpClientCase } from '../case.ts'
import { expectNoPaymentElsewhere } from '../verdicts.ts'

export const wireCases = [
  mcpClientCase({
    id: 'mcp-client.wire.legacy-dotted-key',
    title: 'A server asking for _meta["x402.payment"] (the pre-spec dotted key) gets no payment there',
    requirements: ['CL-52'],
    async run(context) {
      // What x402-mcp 0.0.5 says to a call without its dotted key; it ignores _meta["x402/payment"].
      const required = context.paymentRequired([context.offer()], '_meta.x402.payment is required')
      const endpoint = context.endpoint(async () => context.binding.paymentRequiredResult(required))
      const run = await context.pay(endpoint)
      expectNoPaymentElsewhere(run)
    },
  }),
]
