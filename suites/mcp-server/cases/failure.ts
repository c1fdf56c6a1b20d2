/**
 * When the money does not move (transports-v2/mcp.md "Settlement Failure"), or the tool fails: a
 * refused settlement answers the PaymentRequired, not the tool's content; a failed handler is not
 * settled. The built-in facilitator refuses the settlement on the suite's word.
 */
import { check } from '../../../harness/model/expect.ts'
import { specRefs } from '../../spec-refs.ts'
import { mcpServerCase } from '../case.ts'

export const failureCases = [
  mcpServerCase({
    id: 'mcp-server.failure.settle-rejected',
    title: 'A refused settlement answers an isError PaymentRequired, not the tool content',
    requirements: ['RS-24', 'RS-62'],
    needs: ['chain', 'builtin-facilitator'],
    async run(context) {
      const payer = await context.payer()
      context.facilitator.fault(payer.address, 'settle', { kind: 'reject', reason: 'insufficient_funds' })
      const answer = await context.call({ payment: await payer.pay(), label: 'settlement refused' })
      // RS-24 is a SHOULD: content returned after a failed settlement is graded as such.
      context.expect.noContent(answer, 'a refused settlement', { spec: specRefs('RS-24'), level: 'SHOULD' })
      context.expect.paymentRequiredResult(answer, ['RS-62'])
      await context.expect.noTransfer(payer.address, ['RS-62'])
    },
  }),

  mcpServerCase({
    id: 'mcp-server.failure.handler-error',
    title: 'A paid call whose tool fails is not settled',
    requirements: ['RS-63'],
    needs: ['chain'],
    async run(context) {
      const args = context.failingArguments()
      const payer = await context.payer()
      const answer = await context.call({
        payment: await payer.pay(),
        arguments: args,
        label: 'the tool fails',
      })
      check(
        answer.kind !== 'result' || answer.result.isError === true,
        'the declared failing arguments did not make the tool fail',
        { expected: 'an isError tool result', seen: JSON.stringify(answer).slice(0, 300) },
      )
      await context.expect.noTransfer(payer.address, ['RS-63'])
    },
  }),
]
