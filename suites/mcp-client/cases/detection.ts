/**
 * Reading the tool result (transports-v2/mcp.md "Client Requirements"): a PaymentRequired is an
 * isError result whose structuredContent (else the JSON in content[0].text) has x402Version and
 * accepts; a completed result or an ordinary tool error is never paid.
 */
import { honestToolScript } from '../../../harness/transports/mcp/paywall.ts'
import type { JsonObject, ToolResult } from '../../../harness/transports/mcp/types.ts'
import { mcpClientCase } from '../case.ts'
import { expectNoPayment, expectOnePayment } from '../verdicts.ts'

export const detectionCases = [
  mcpClientCase({
    id: 'mcp-client.detection.text-fallback',
    title: 'A PaymentRequired in content[0].text only (no structuredContent) is still read and paid',
    requirements: ['CL-11'],
    dependsOn: ['mcp-client.payment.meta-object'],
    async run(context) {
      const offer = context.offer()
      const honest = honestToolScript({
        binding: context.binding,
        paymentRequired: context.paymentRequired([offer]),
        requirements: offer as unknown as JsonObject,
        settle: context.settle,
      })
      // The honest server, but its PaymentRequired travels as text only (some servers cannot send
      // structuredContent past a tool's outputSchema).
      const textOnly = context.endpoint(async (params, state) => {
        const result = await honest(params, state)
        if (result.isError !== true) return result
        const { structuredContent: _structured, ...text } = result
        return text
      })
      const run = await context.pay(textOnly)
      expectOnePayment(run, ['CL-11'])
    },
  }),

  mcpClientCase({
    id: 'mcp-client.detection.not-payment-required',
    title: 'A completed result that looks like a PaymentRequired, or a plain tool error, is not paid',
    requirements: ['CL-51'],
    async run(context) {
      const lookalike = context.paymentRequired([context.offer()])
      const results: Record<string, ToolResult> = {
        'a completed result carrying PaymentRequired-shaped data': {
          structuredContent: lookalike,
          content: [{ type: 'text', text: JSON.stringify(lookalike) }],
        },
        'an ordinary tool error': {
          isError: true,
          content: [{ type: 'text', text: 'rate limited, try later' }],
        },
      }
      for (const [situation, result] of Object.entries(results)) {
        const run = await context.pay(
          context.endpoint(async () => result),
          { label: situation },
        )
        expectNoPayment(run, `for ${situation}`, ['CL-51'])
      }
    },
  }),
]
