/**
 * What a server does with the facilitator's non-terminal `settlement_pending` (v2 core §9 after the
 * pin, #3083/#3214) and with its EXTENSION-RESPONSES sidechannel (§7.2.1, #3306), through the
 * built-in facilitator's per-payer faults: a pending settle is no settlement (nothing is served until a
 * settle succeeds), a server should reconcile it by settling again, and the sidechannel stays between
 * the facilitator and the server.
 */
import type { Fault, FaultEndpoint } from '../../../harness/facilitator/index.ts'
import { check, show } from '../../../harness/model/expect.ts'
import { CheckFailure } from '../../../harness/model/verdict.ts'
import { serverCase } from '../case.ts'
import type { CasePayer, ServerContext, ServerResponse } from '../context.ts'
import { specOf } from '../spec.ts'
import { describeResponse, isDelivery } from '../verdicts.ts'
import { requireFaultFired } from './facilitator-use.ts'

const PENDING: Fault = { kind: 'pending' }

/** A fresh payer whose settles the facilitator answers with `faults`, and the server's answer. */
async function payWith(
  context: ServerContext,
  faults: readonly { endpoint: FaultEndpoint; fault: Fault; times?: number }[],
  label: string,
): Promise<{ payer: CasePayer; response: ServerResponse }> {
  const payer = await context.payer()
  for (const { endpoint, fault, times } of faults)
    context.facilitator.fault(payer.address, endpoint, fault, times === undefined ? {} : { times })
  const response = await context.request({ payment: await payer.pay(), label })
  return { payer, response }
}

/** The settle answers the built-in facilitator gave for `payer`, oldest first. */
function settleAnswers(context: ServerContext, payer: CasePayer): Record<string, unknown>[] {
  return context.facilitator
    .calls(payer.address, 'settle')
    .map((call) => call.response)
    .filter((body): body is Record<string, unknown> => typeof body === 'object' && body !== null)
}

const pendingHash = (answers: readonly Record<string, unknown>[]): string | undefined =>
  answers.find((a) => a.errorReason === 'settlement_pending' && typeof a.transaction === 'string')
    ?.transaction as string | undefined

/** A marker no honest response contains: it travels only in the sidechannel. */
const SIDECHANNEL_MARKER = 'x402-conformance-sidechannel-5f1c'
const SIDECHANNEL: Fault = {
  kind: 'extension-responses',
  value: { bazaar: { status: 'rejected', rejectedReason: SIDECHANNEL_MARKER } },
}
const SIDECHANNEL_BASE64 = Buffer.from(JSON.stringify(SIDECHANNEL.value)).toString('base64')

/** The response carries neither the EXTENSION-RESPONSES header nor anything of its content (RS-51). */
function expectNoSidechannel(response: ServerResponse, what: string): void {
  const headers = Object.entries(response.headers).map(([name, value]) => [name.toLowerCase(), String(value)])
  const named = headers.find(([name]) => name === 'extension-responses')
  check(
    named === undefined,
    `the ${what} forwards the facilitator's EXTENSION-RESPONSES header to the buyer`,
    {
      expected: 'no EXTENSION-RESPONSES header (a facilitator-to-server sidechannel)',
      seen: show(named?.[1]),
      spec: specOf('RS-51'),
    },
  )
  const carried = [...headers.map(([, value]) => value), response.body].some(
    (text) => text !== undefined && (text.includes(SIDECHANNEL_MARKER) || text.includes(SIDECHANNEL_BASE64)),
  )
  check(!carried, `the ${what} carries the content of the facilitator's EXTENSION-RESPONSES`, {
    expected: 'nothing of the sidechannel in headers or body',
    seen: describeResponse(response),
    spec: specOf('RS-51'),
  })
}

export const pendingCases = [
  serverCase({
    id: 'server.failure.settle-pending',
    title: 'While every settle answers settlement_pending, nothing is delivered',
    requirements: ['RS-49', 'RS-35'],
    needs: ['chain', 'builtin-facilitator'],
    timeoutMs: 15_000,
    async run(context) {
      const { payer, response } = await payWith(
        context,
        [{ endpoint: 'settle', fault: PENDING }],
        'honest payment, every settle answers settlement_pending',
      )
      await requireFaultFired(context, payer, 'settle', response)
      check(!isDelivery(response), 'the server delivered although no settle of the payment succeeded', {
        expected: 'no delivery while the facilitator answers settlement_pending (non-terminal)',
        seen: describeResponse(response),
        spec: specOf('RS-49'),
      })
      const broadcast = pendingHash(settleAnswers(context, payer))
      const name = context.version === 1 ? 'x-payment-response' : 'payment-response'
      if (broadcast !== undefined && Object.keys(response.headers).some((h) => h.toLowerCase() === name))
        context.expect.settlementResponse(response, { success: false, payer: payer.address, broadcast })
    },
  }),

  serverCase({
    id: 'server.failure.settle-pending-retry',
    title: 'A settle answered settlement_pending once is reconciled: the server settles again and delivers',
    requirements: ['RS-50', 'RS-49', 'RS-36'],
    level: 'SHOULD',
    needs: ['chain', 'builtin-facilitator'],
    timeoutMs: 15_000,
    async run(context) {
      const { payer, response } = await payWith(
        context,
        [{ endpoint: 'settle', fault: PENDING, times: 1 }],
        'honest payment, the first settle answers settlement_pending',
      )
      await requireFaultFired(context, payer, 'settle', response)
      const answers = settleAnswers(context, payer)
      const broadcast = pendingHash(answers)
      const succeeded = answers.some((a) => a.success === true)
      if (isDelivery(response) && !succeeded)
        throw new CheckFailure('the server delivered although no settle of the payment succeeded', {
          expected: 'delivery only after a settle answered success',
          seen: `${describeResponse(response)}; settle answers ${show(answers)}`,
          spec: specOf('RS-49'),
          level: 'MUST',
        })
      check(
        isDelivery(response),
        'the server gave up on a settlement_pending answer without reconciling it',
        {
          expected:
            'a repeated settle of the same payload (it succeeds with the broadcast transaction), then delivery',
          seen: `${describeResponse(response)}; ${answers.length} settle call(s)`,
          spec: specOf('RS-50'),
        },
      )
      const transfer = await context.expect.exactlyOneTransfer(payer)
      const settlement = context.expect.settlementResponse(response, { success: true, payer: payer.address })
      check(
        broadcast === undefined || settlement.transaction.toLowerCase() === broadcast.toLowerCase(),
        'the receipt names another transaction than the one the facilitator broadcast',
        {
          expected: show(broadcast),
          seen: show(settlement.transaction),
          spec: specOf('RS-36'),
          level: 'MUST',
        },
      )
      await context.expect.transactionOnChain(settlement, transfer)
    },
  }),

  serverCase({
    id: 'server.extension-responses.not-forwarded',
    title: "The facilitator's EXTENSION-RESPONSES sidechannel never reaches the buyer (402 or paid response)",
    requirements: ['RS-51'],
    needs: ['chain', 'builtin-facilitator'],
    async run(context) {
      const refused = await payWith(
        context,
        [
          { endpoint: 'both', fault: SIDECHANNEL },
          { endpoint: 'verify', fault: { kind: 'reject', reason: 'invalid_exact_evm_payload_signature' } },
        ],
        'payment refused by the facilitator, which adds EXTENSION-RESPONSES',
      )
      expectNoSidechannel(refused.response, `${refused.response.status} response to a refused payment`)
      const paid = await payWith(
        context,
        [{ endpoint: 'both', fault: SIDECHANNEL }],
        'honest payment, the facilitator adds EXTENSION-RESPONSES to verify and settle',
      )
      await requireFaultFired(context, paid.payer, 'both', paid.response)
      expectNoSidechannel(paid.response, `${paid.response.status} response to an honest payment`)
    },
  }),
]
