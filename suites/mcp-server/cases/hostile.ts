/**
 * Hostile payments (transports-v2/mcp.md "Payment Flow Overview": the server verifies before it runs
 * the tool and settles): each defect of the HTTP suite's payer, sent as a PaymentPayload object, buys
 * no tool content and moves no money; a replayed or copied payment is settled once at most.
 */
import { randomBytes } from 'node:crypto'
import { getAddress, toHex } from 'viem'
import type { PaymentDefects } from '../../../harness/actors/payer.ts'
import { check } from '../../../harness/model/expect.ts'
import { specRefs } from '../../spec-refs.ts'
import { mcpServerCase } from '../case.ts'
import type { McpServerContext } from '../context.ts'

const stranger = () => getAddress(toHex(randomBytes(20)))

/** One hostile payment: no content, a PaymentRequired result, nothing moved. */
async function expectBuysNothing(
  context: McpServerContext,
  label: string,
  defects: (price: bigint) => PaymentDefects,
) {
  const payer = await context.payer()
  const payment = await payer.pay(defects(BigInt(context.offer().amount)))
  const answer = await context.call({ payment, label })
  context.expect.noContent(answer, label, { spec: specRefs('RS-61') })
  context.expect.paymentRequiredResult(answer, ['RS-59'])
  await context.expect.noTransfer(payer.address, ['RS-61'])
}

/** A hostile-payment case over one defect. */
function hostile(name: string, title: string, defects: (price: bigint) => PaymentDefects) {
  return mcpServerCase({
    id: `mcp-server.hostile.${name}`,
    title,
    requirements: ['RS-61', 'RS-59'],
    needs: ['chain'],
    run: (context) => expectBuysNothing(context, name, defects),
  })
}

export const hostileCases = [
  hostile(
    'underpayment',
    'A payment whose authorization and accepted both name half the price buys nothing',
    (price) => ({
      authorization: { value: price / 2n },
      accepted: { amount: (price / 2n).toString() },
    }),
  ),
  hostile('expired', 'A payment whose authorization expired buys nothing', () => ({
    authorization: { validAfter: 0n, validBefore: 1n },
  })),
  hostile('wrong-pay-to', 'A payment to another payTo (in authorization and accepted) buys nothing', () => {
    const to = stranger()
    return { authorization: { to }, accepted: { payTo: to } }
  }),
  hostile('wrong-asset', 'A payment in another asset (signed for it, named in accepted) buys nothing', () => {
    const asset = stranger()
    return { domain: { verifyingContract: asset }, accepted: { asset } }
  }),
  hostile(
    'wrong-network',
    'A payment on another network (signed for it, named in accepted) buys nothing',
    () => ({
      domain: { chainId: 1 },
      accepted: { network: 'eip155:1' },
    }),
  ),
  hostile(
    'altered-accepted',
    'A payment whose accepted was altered after signing (a higher amount) buys nothing',
    (price) => ({
      accepted: { amount: (price + 1000n).toString() },
    }),
  ),

  mcpServerCase({
    id: 'mcp-server.hostile.replay',
    title: 'A settled payment sent again buys nothing more',
    requirements: ['RS-61'],
    needs: ['chain'],
    dependsOn: ['mcp-server.payment.honest'],
    async run(context) {
      const payer = await context.payer()
      const payment = await payer.pay()
      context.expect.content(await context.call({ payment, label: 'first use' }), 'the first use', ['RS-23'])
      const again = await context.call({ payment, label: 'replay' })
      context.expect.noContent(again, 'a replayed payment', { spec: specRefs('RS-61') })
      await context.expect.settledOnce(payer.address, ['RS-61'])
    },
  }),

  mcpServerCase({
    id: 'mcp-server.hostile.concurrent-copies',
    title: 'Copies of one payment sent at once buy the content at most once, settled once',
    requirements: ['RS-61'],
    needs: ['chain'],
    dependsOn: ['mcp-server.payment.honest'],
    async run(context) {
      const payer = await context.payer()
      const payment = await payer.pay()
      const answers = await Promise.all(
        [1, 2, 3].map((copy) => context.call({ payment, label: `copy ${copy}` })),
      )
      const delivered = answers.filter((answer) => answer.kind === 'result' && answer.result.isError !== true)
      check(delivered.length <= 1, 'several copies of one payment bought the content', {
        expected: 'at most one of 3 concurrent copies gets the tool content',
        seen: `${delivered.length} copies got it`,
        spec: specRefs('RS-61'),
      })
      if (delivered.length === 1) await context.expect.settledOnce(payer.address, ['RS-61'])
      else await context.expect.noTransfer(payer.address, ['RS-61'])
    },
  }),
]
