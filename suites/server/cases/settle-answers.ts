/**
 * Settle answers that are HTTP 200 but no settlement (core §7.2, §5.3.2; RS-48): `success: false`
 * naming a transaction (SDKs keep the hash of a reverted or pending settlement), no `success` at all,
 * `success: 1`. A server that reads the status instead of the body delivers for nothing. The built-in
 * facilitator answers so for the case's payer and moves no money.
 */
import { randomBytes } from 'node:crypto'
import { toHex } from 'viem'
import { serverCase } from '../case.ts'
import type { CasePayer, ServerContext, ServerResponse } from '../context.ts'
import { requireFaultFired } from './facilitator-use.ts'
import { expectRefused } from './shared.ts'

/** A fresh payer pays honestly; its /settle is answered with `answer(payer)` (HTTP 200, nothing sent). */
async function payThroughSettleAnswer(
  context: ServerContext,
  answer: (payer: CasePayer, network: string) => Record<string, unknown>,
  label: string,
): Promise<{ payer: CasePayer; response: ServerResponse }> {
  const payer = await context.payer()
  context.facilitator.fault(payer.address, 'settle', {
    kind: 'answer',
    body: answer(payer, context.offer().network),
  })
  const response = await context.request({ payment: await payer.pay(), label })
  await requireFaultFired(context, payer, 'settle', response)
  return { payer, response }
}

/** A transaction hash that names no transaction on the devnet. */
const unknownHash = () => toHex(randomBytes(32))

/** A malformed settle answer: no delivery, no money; 402 or the 5xx of an unusable facilitator. */
function malformedSettleCase(
  id: string,
  title: string,
  body: (payer: CasePayer, network: string) => Record<string, unknown>,
) {
  return serverCase({
    id: `server.failure.${id}`,
    title,
    versions: [1, 2],
    requirements: ['RS-48', 'RS-18'],
    needs: ['chain', 'builtin-facilitator'],
    async run(context) {
      const { payer, response } = await payThroughSettleAnswer(
        context,
        body,
        `honest payment, settle answered ${id}`,
      )
      await expectRefused(context, payer, response, [402, 500, 502, 503], ['RS-15', 'RS-16'])
    },
  })
}

export const settleAnswerCases = [
  serverCase({
    id: 'server.failure.settle-unsuccessful-200',
    title: 'An HTTP 200 settle answer with success false (naming a transaction) delivers nothing (402)',
    requirements: ['RS-48', 'RS-18', 'RS-15'],
    needs: ['chain', 'builtin-facilitator'],
    async run(context) {
      const { payer, response } = await payThroughSettleAnswer(
        context,
        (payer, network) => ({
          success: false,
          errorReason: 'unexpected_settle_error',
          transaction: unknownHash(),
          network,
          payer: payer.address,
        }),
        'honest payment, settle answered HTTP 200 success false',
      )
      await expectRefused(context, payer, response)
    },
  }),

  malformedSettleCase(
    'settle-success-missing',
    'An HTTP 200 settle answer without success (but with a transaction) delivers nothing',
    (payer, network) => ({ transaction: unknownHash(), network, payer: payer.address }),
  ),

  malformedSettleCase(
    'settle-success-not-boolean',
    'An HTTP 200 settle answer with success 1 (not the boolean true) delivers nothing',
    (payer, network) => ({ success: 1, transaction: unknownHash(), network, payer: payer.address }),
  ),
]
