/**
 * Runs a payment flow's ordering (./payment-flow.ts) phase by phase for one paid request: verify,
 * settle, produce the resource, respond, in the order the `ordering` step gives.
 */
import type { FacilitatorRequest, SettlementResponse } from '../../wire/types.ts'
import type { FlowPhase } from './payment-flow.ts'
import { type Reply, type Resource, serverError } from './reply.ts'
import type { PaidRequest, ServerSteps, StepContext } from './steps.ts'

/** A settlement that succeeded, with the facilitator's extension responses (if any) beside it. */
interface Settled {
  response: SettlementResponse
  extensionResponses?: string
}

/** What one run of a flow needs besides the steps. */
export interface FlowRun {
  steps: ServerSteps
  context: StepContext
  request: PaidRequest
  facilitatorRequest: FacilitatorRequest
  /** The request /settle is sent (upto: the metered charge); default `facilitatorRequest`. */
  settleRequest?: FacilitatorRequest
  /** A challenge answer (402) saying why payment is still required. */
  challenge(status: number, error: string): Reply
}

/**
 * Runs `phases` in order. A failed check ends the request: verify invalid → 402; settle failed → 402
 * with the failed SettlementResponse; a facilitator that cannot be used → 500. `respond` answers with
 * the resource (and the settlement, when one succeeded); phases after it run once the answer is out.
 */
export async function runPhases(run: FlowRun, phases: readonly FlowPhase[]): Promise<Reply> {
  const { steps, context, facilitatorRequest } = run
  const settleRequest = run.settleRequest ?? facilitatorRequest
  let resource: Resource | undefined
  let settlement: Settled | undefined
  for (const [index, phase] of phases.entries()) {
    switch (phase) {
      case 'verify': {
        const verified = await steps.verify(context, facilitatorRequest)
        if (!verified.ok) return serverError(verified.error)
        if (!verified.response.isValid) {
          const reason = verified.response.invalidReason ?? 'invalid_payment'
          return run.challenge(steps.refusalStatus(context, reason), reason)
        }
        break
      }
      case 'settle': {
        const settled = await steps.settle(context, settleRequest)
        if (!settled.ok) return serverError(settled.error)
        if (!steps.settled(context, settled.response)) {
          const reason = settled.response.errorReason ?? 'settlement_failed'
          const failed = run.challenge(steps.refusalStatus(context, reason), reason)
          const receipt = steps.receipt(context, settled.response, settled.extensionResponses)
          return { ...failed, headers: { ...failed.headers, ...receipt } }
        }
        settlement = { response: settled.response, extensionResponses: settled.extensionResponses }
        break
      }
      case 'resource':
        resource = await steps.serve(context, run.request)
        break
      case 'respond': {
        const reply = deliver(run, resource ?? (await steps.serve(context, run.request)), settlement)
        void runLater(run, phases.slice(index + 1))
        return reply
      }
    }
  }
  return deliver(run, resource ?? (await steps.serve(context, run.request)), settlement)
}

function deliver(run: FlowRun, resource: Resource, settlement: Settled | undefined): Reply {
  return {
    status: 200,
    headers: {
      'content-type': resource.contentType,
      'cache-control': 'private',
      ...(settlement
        ? run.steps.receipt(run.context, settlement.response, settlement.extensionResponses)
        : {}),
    },
    body: resource.body,
  }
}

/** The checks an ordering puts after `respond` (only a defective one does), run in the background. */
async function runLater(run: FlowRun, phases: readonly FlowPhase[]): Promise<void> {
  try {
    for (const phase of phases) {
      if (phase === 'verify') await run.steps.verify(run.context, run.facilitatorRequest)
      if (phase === 'settle') await run.steps.settle(run.context, run.settleRequest ?? run.facilitatorRequest)
    }
  } catch {
    // nobody is waiting for these answers any more
  }
}
