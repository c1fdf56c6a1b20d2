/**
 * Failure paths through the built-in facilitator's per-payer faults (DESIGN.md "The oracle";
 * transports-v2/http.md "Error Handling" and "Settlement Response Delivery"): verify says invalid,
 * settle fails, the facilitator is unreachable, answers garbage or HTTP 500, or is slow. The resource
 * is never delivered without a settlement, no money is lost, and the status is the spec's.
 */
import type { Fault, FaultEndpoint } from '../../../harness/facilitator/index.ts'
import { serverCase } from '../case.ts'
import type { CasePayer, ServerContext, ServerResponse } from '../context.ts'
import { isDelivery } from '../verdicts.ts'
import { requireFaultFired } from './facilitator-use.ts'
import { expectRefused } from './shared.ts'

/**
 * A fresh payer whose payments the facilitator mishandles with `fault`, and the server's answer.
 * Skips when the fault never fired (the server did not ask `endpoint`; ./facilitator-use.ts).
 */
async function payThroughFault(
  context: ServerContext,
  endpoint: FaultEndpoint,
  fault: Fault,
): Promise<{ payer: CasePayer; response: ServerResponse }> {
  const payer = await context.payer()
  context.facilitator.fault(payer.address, endpoint, fault)
  const response = await context.request({
    payment: await payer.pay(),
    label: `honest payment, facilitator ${endpoint}: ${fault.kind}`,
  })
  await requireFaultFired(context, payer, endpoint, response)
  return { payer, response }
}

/** The facilitator could not be used: 5xx, nothing delivered, nothing moved. */
function unusableFacilitatorCase(id: string, title: string, endpoint: 'verify' | 'settle', fault: Fault) {
  return serverCase({
    id: `server.failure.${id}`,
    title,
    versions: [1, 2],
    requirements: ['RS-16', 'RS-18'],
    needs: ['chain', 'builtin-facilitator'],
    async run(context) {
      const { payer, response } = await payThroughFault(context, endpoint, fault)
      context.expect.noDelivery(response)
      await context.expect.noTransfer(payer)
      context.expect.serverError(response)
    },
  })
}

const SETTLE_REJECTED: Fault = { kind: 'reject', reason: 'insufficient_funds' }

export const failureCases = [
  serverCase({
    id: 'server.failure.verify-invalid',
    title: 'When the facilitator says the payment is invalid, nothing is delivered or settled (402)',
    requirements: ['RS-15', 'RS-18'],
    needs: ['chain', 'builtin-facilitator'],
    async run(context) {
      const { payer, response } = await payThroughFault(context, 'verify', {
        kind: 'reject',
        reason: 'invalid_exact_evm_payload_signature',
      })
      await expectRefused(context, payer, response)
    },
  }),

  serverCase({
    id: 'server.failure.settle-rejected',
    title: 'When settlement fails, nothing is delivered and no money moves (402)',
    requirements: ['RS-15', 'RS-18'],
    needs: ['chain', 'builtin-facilitator'],
    async run(context) {
      const { payer, response } = await payThroughFault(context, 'settle', SETTLE_REJECTED)
      await expectRefused(context, payer, response)
    },
  }),

  serverCase({
    id: 'server.failure.settle-receipt',
    title: 'A failed settlement is reported in the settlement header with success false',
    requirements: ['RS-17', 'RS-13', 'RS-35'],
    level: 'SHOULD',
    needs: ['chain', 'builtin-facilitator'],
    async run(context) {
      const { payer, response } = await payThroughFault(context, 'settle', SETTLE_REJECTED)
      context.expect.noDelivery(response)
      context.expect.settlementResponse(response, { success: false, payer: payer.address, level: 'SHOULD' })
    },
  }),

  unusableFacilitatorCase(
    'verify-unreachable',
    'When the facilitator drops the verify connection, the answer is 500 and nothing is delivered',
    'verify',
    { kind: 'drop' },
  ),
  unusableFacilitatorCase(
    'verify-garbage',
    'When the facilitator answers verify with something that is not JSON, the answer is 500',
    'verify',
    { kind: 'garbage', body: 'non-json' },
  ),
  unusableFacilitatorCase(
    'verify-wrong-shape',
    'When the facilitator answers verify with JSON of the wrong shape, the answer is 500',
    'verify',
    { kind: 'garbage', body: 'wrong-shape' },
  ),
  unusableFacilitatorCase(
    'verify-http-500',
    'When the facilitator answers verify with HTTP 500, the answer is 500 and nothing is delivered',
    'verify',
    { kind: 'http-500' },
  ),
  unusableFacilitatorCase(
    'settle-unreachable',
    'When the facilitator drops the settle connection, the answer is 500 and nothing is delivered',
    'settle',
    { kind: 'drop' },
  ),
  unusableFacilitatorCase(
    'settle-wrong-shape',
    'When the facilitator answers settle with JSON of the wrong shape (and settles nothing), the answer is 500',
    'settle',
    { kind: 'garbage', body: 'wrong-shape' },
  ),
  unusableFacilitatorCase(
    'settle-garbage',
    'When the facilitator answers settle with something that is not JSON, the answer is 500',
    'settle',
    { kind: 'garbage', body: 'non-json' },
  ),

  serverCase({
    id: 'server.failure.slow-facilitator',
    title:
      'A slow facilitator (1 s per call) never makes a delivery without a settlement or money without a delivery',
    requirements: ['RS-18', 'RS-36'],
    needs: ['chain', 'builtin-facilitator'],
    timeoutMs: 15_000,
    tags: ['slow'],
    async run(context) {
      const { payer, response } = await payThroughFault(context, 'both', { kind: 'delay', ms: 1000 })
      // A server that gave up waiting may have left a settlement running: let it land before judging.
      await context.facilitator.waitFor(payer.address, 'settle', 3000)
      await context.expect.deliveriesMatchSettlements(payer, [response])
      if (isDelivery(response))
        context.expect.settlementResponse(response, { success: true, payer: payer.address })
    },
  }),
]
