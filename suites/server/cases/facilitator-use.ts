/**
 * Judging by what happened (issue 13): a case about how a server handles the built-in facilitator's
 * answers applies only when the server asked it. A server that settles without `/verify` (the
 * `upfront` flow of core v2 §6.1, declared in `extra.paymentFlow`) never meets an injected verify fault; a server that verifies and submits
 * `transferWithAuthorization` itself never calls the facilitator at all. Such cases are not applicable
 * (skip, with the reason); the chain cases judge those servers.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { FaultEndpoint } from '../../../harness/facilitator/index.ts'
import { skip } from '../../../harness/model/expect.ts'
import { matchesTransfer } from '../../../harness/oracle/index.ts'
import type { CasePayer, ServerContext, ServerResponse } from '../context.ts'
import { isDelivery } from '../verdicts.ts'
import { priceOf } from './shared.ts'

/** How long a server that settles by itself gets for its transaction to show, after it answered (ms). */
const SELF_SETTLE_GRACE_MS = 500

/** Skip reason of a self-settling server. */
export const SELF_SETTLED =
  'the server settled the payment itself (an honest transfer of the price to payTo on chain, and no call to the built-in facilitator): facilitator-oracle cases do not apply; the chain cases judge it'

/**
 * Whether the chain shows the payer's payment settled exactly as offered (one transfer of the price to
 * payTo), waiting briefly for a server that settles after it answered.
 */
async function settledOnChain(context: ServerContext, payer: CasePayer): Promise<boolean> {
  const expected = { from: payer.address, to: context.offer().payTo, value: priceOf(context) }
  const deadline = Date.now() + SELF_SETTLE_GRACE_MS
  for (;;) {
    const transfers = await context.chain.transfers({ from: payer.address })
    if (transfers.length > 0) return transfers.length === 1 && matchesTransfer(transfers[0]!, expected)
    if (Date.now() >= deadline) return false
    await sleep(50, undefined, { signal: context.signal })
  }
}

/**
 * Skips the case when the server never made the facilitator calls it judges: no call at all and the
 * payment settled on chain (a self-settling server). Otherwise returns and the case judges as usual.
 */
export async function requireFacilitatorUsed(context: ServerContext, payer: CasePayer): Promise<void> {
  if (context.facilitator.calls(payer.address).length > 0) return
  if (await settledOnChain(context, payer)) skip(SELF_SETTLED)
}

/**
 * Why a verify fault never fired: a server whose offer declares a pre-handler flow (`upfront`,
 * `escrow`) has no /verify in its ordering (core v2 §6.1); one that settles first without declaring it
 * breaks RS-52, which server.flow.declared judges (not the verify-fault cases).
 */
function verifyNeverAsked(context: ServerContext, settles: number): string {
  const flow = (context.offer().extra as Record<string, unknown> | undefined)?.paymentFlow
  const log = `the facilitator log shows ${settles} /settle call(s) and no /verify`
  if (flow !== undefined && flow !== 'authorization')
    return `the server never called /verify for this payment (${log}): its offer declares extra.paymentFlow ${JSON.stringify(flow)}, whose ordering has no /verify (core v2 §6.1), so the injected verify fault never fired and verify-fault cases do not apply`
  return `the server never called /verify for this payment (${log}), so the injected verify fault never fired: verify-fault cases do not apply to a server that settles without verifying (whether it declares that flow in extra.paymentFlow is server.flow.declared's to judge)`
}

/**
 * Skips a fault case whose injected fault never fired: the server did not call `endpoint` for this
 * payer. A verify fault a server never asked about (it settles without `/verify`) says nothing about
 * it; a settle fault is not applicable only when the payment was settled on chain without `/settle`
 * (the server settles by itself); neither applies to a server that refused the payment without asking
 * the facilitator. A server that delivered without any settlement is judged as usual.
 */
export async function requireFaultFired(
  context: ServerContext,
  payer: CasePayer,
  endpoint: FaultEndpoint,
  response: ServerResponse,
): Promise<void> {
  const calls = context.facilitator.calls(payer.address)
  const fired = calls.some(
    (call) => call.faults.length > 0 && (endpoint === 'both' || call.endpoint === endpoint),
  )
  if (fired) return
  const asked = (name: string) => calls.filter((call) => call.endpoint === name).length
  if (calls.length === 0) {
    if (await settledOnChain(context, payer)) skip(SELF_SETTLED)
    if (!isDelivery(response))
      skip(
        `the server refused the payment (HTTP ${response.status}) without asking the built-in facilitator, so the injected fault never fired`,
      )
    return
  }
  if (endpoint === 'verify' && asked('verify') === 0) skip(verifyNeverAsked(context, asked('settle')))
  if (endpoint === 'settle' && asked('settle') === 0 && (await settledOnChain(context, payer)))
    skip(
      'the payment was settled on chain without a /settle call to the built-in facilitator (the server submits the transfer itself), so the injected settle fault never fired',
    )
}
