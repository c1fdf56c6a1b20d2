/**
 * The unpaid call (transports-v2/mcp.md "Payment Required Signaling"): a tool result with isError
 * true carrying the PaymentRequired twice (structuredContent and the JSON in content[0].text), a
 * valid v2 PaymentRequired, and the tool does not run before it is paid.
 */
import { check } from '../../../harness/model/expect.ts'
import { specRefs } from '../../spec-refs.ts'
import { mcpServerCase } from '../case.ts'

export const challengeCases = [
  mcpServerCase({
    id: 'mcp-server.challenge.tool-result',
    title:
      'An unpaid call gets an isError tool result whose structuredContent is the JSON of content[0].text',
    requirements: ['RS-22'],
    async run(context) {
      const answer = await context.call({ label: 'unpaid call' })
      context.expect.paymentRequiredResult(answer)
    },
  }),

  mcpServerCase({
    id: 'mcp-server.challenge.schema',
    title: 'The PaymentRequired of an unpaid call is a valid x402 v2 PaymentRequired',
    requirements: ['RS-57'],
    dependsOn: ['mcp-server.challenge.tool-result'],
    async run(context) {
      const answer = await context.call({ label: 'unpaid call' })
      context.expect.validPaymentRequired(context.expect.paymentRequiredResult(answer, ['RS-57']))
    },
  }),

  mcpServerCase({
    id: 'mcp-server.challenge.tool-not-run',
    title: 'An unpaid call does not run the paid tool',
    requirements: ['RS-58'],
    async run(context) {
      // Other cases pay side by side: count only while none of their paid calls is in flight.
      const { before, after } = await context.quietly(async () => {
        const before = await context.executions()
        for (let attempt = 1; attempt <= 2; attempt++)
          context.expect.noContent(await context.call({ label: `unpaid call ${attempt}` }), 'an unpaid call')
        return { before, after: await context.executions() }
      })
      check(after === before, 'the paid tool ran although no call paid for it', {
        expected: `the execution counter stays at ${before} across 2 unpaid calls`,
        seen: `execution counter ${before} → ${after}`,
        spec: specRefs('RS-58'),
      })
    },
  }),
]
