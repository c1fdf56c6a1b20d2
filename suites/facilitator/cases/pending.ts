/**
 * `settlement_pending` (v2 core §9 and §5.3.2 after the pin, #3083): a facilitator MAY answer a settle
 * with this non-terminal code when it broadcast the transaction but could not establish its receipt.
 * The suite cannot make a foreign facilitator do that, so this case settles a valid payment and judges
 * the answer only when it is `settlement_pending` (and skips, saying so, when it is terminal): the
 * pending answer must name the broadcast transaction, and settling the same payload again must
 * reconcile to that transaction without a second broadcast (one transfer on chain).
 */
import { type Address, isAddressEqual } from 'viem'
import { check, show, skip } from '../../../harness/model/expect.ts'
import { checkExactlyOneTransfer } from '../../../harness/oracle/index.ts'
import type { SettlementResponse } from '../../../harness/wire/types.ts'
import { describeAnswer, isPending, RECONCILE_ATTEMPTS, RECONCILE_SPACING_MS } from '../api.ts'
import { facilitatorCase } from '../context.ts'
import { deltasOf, refs } from '../verdicts.ts'

const HASH = /^0x[0-9a-fA-F]{64}$/

/** The pending answer names a transaction and the requirements' network (FA-58). */
function checkPendingAnswer(body: SettlementResponse, network: string, what: string): void {
  check(typeof body.transaction === 'string' && HASH.test(body.transaction), `${what} names no transaction`, {
    expected: 'transaction: the broadcast hash (never "" with settlement_pending)',
    seen: show(body),
    spec: refs('FA-58'),
  })
  check(body.network === network, `${what} names another network than the requirements`, {
    expected: network,
    seen: show(body.network),
    spec: refs('FA-58'),
  })
}

export const settlePending = facilitatorCase({
  id: 'facilitator.settle.pending',
  title:
    'A settlement_pending answer names its broadcast transaction, and settling the payload again reconciles to it without broadcasting again',
  requirements: ['FA-58', 'FA-59'],
  tags: ['chain', 'settlement-pending'],
  timeoutMs: 20_000,
  async run({ payments, facilitator, chain, signal }) {
    const deal = await payments.deal()
    const watch = await chain.snapshot({ payer: deal.from, payTo: deal.payTo })
    const first = await facilitator.settleOnce(deal.request, 'settle')
    if (!isPending(first))
      skip(
        `the facilitator answered this settle terminally (${describeAnswer(first)}): settlement_pending is a MAY the suite cannot force on a facilitator, so its rules are judged only when one answers it`,
      )
    const network = deal.requirements.network
    checkPendingAnswer(first.body!, network, 'the settlement_pending answer')
    const broadcast = first.body!.transaction

    // Settle the same payload again, as a server reconciling would, until the answer is terminal.
    let last = first
    for (let attempt = 1; attempt <= RECONCILE_ATTEMPTS && isPending(last); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, RECONCILE_SPACING_MS))
      if (signal.aborted) return
      last = await facilitator.settleOnce(deal.request, `settle again (${attempt}) after settlement_pending`)
      const body = last.body
      check(
        body !== undefined && body.transaction.toLowerCase() === broadcast.toLowerCase(),
        'settling the pending payload again did not reconcile to the broadcast transaction',
        {
          expected: `an answer naming ${broadcast} (still pending, success, or its revert)`,
          seen: describeAnswer(last),
          spec: refs('FA-59'),
        },
      )
      if (isPending(last)) checkPendingAnswer(body!, network, 'a repeated settlement_pending answer')
    }

    const mined = await chain.transaction(broadcast, 'the pending settlement')
    check(mined.status !== 'missing', 'the transaction named as pending never reached the chain', {
      expected: `${broadcast} mined (it was broadcast)`,
      seen: show(mined.status),
      spec: refs('FA-58'),
    })
    const transfers = await chain.transfers({ from: deal.from })
    if (mined.status === 'success') {
      check(
        last.body?.success === true,
        'the pending transaction confirmed as the payment, but settling again did not report success',
        {
          expected: `success: true, transaction ${broadcast}`,
          seen: describeAnswer(last),
          spec: refs('FA-59'),
        },
      )
      checkExactlyOneTransfer(
        transfers,
        { from: deal.from as Address, to: deal.payTo as Address, value: deal.authorization.value },
        { message: 'the chain does not show exactly one transfer of the signed value', spec: refs('FA-59') },
      )
      const deltas = await deltasOf(watch)
      check(deltas.payer === -deal.authorization.value, 'the payer paid more than once', {
        expected: `payer -${deal.authorization.value}`,
        seen: `payer ${deltas.payer}`,
        spec: refs('FA-59'),
      })
      check(
        mined.from === undefined || !isAddressEqual(mined.from, deal.from as Address),
        'the pending transaction was sent by the payer',
        { expected: 'a transaction sent by the facilitator', seen: mined.from, spec: refs('FA-59') },
      )
    } else {
      check(last.body?.success !== true, 'a reverted pending transaction was reported as a success', {
        expected: 'success: false (the broadcast transaction reverted)',
        seen: describeAnswer(last),
        spec: refs('FA-59'),
      })
    }
  },
})
