import { referenceSteps } from '../../../harness/reference/server/index.ts'
import { knownBad } from './known-bad.ts'

/** Optimistic delivery: it starts the settlement in the background and delivers at once. */
export default knownBad({
  name: 'delivers-before-settling',
  breaks: ['RS-18'],
  defect: 'delivers right after verify and settles afterwards, reporting success it has not seen',
  versions: [1, 2],
  replace: {
    steps: {
      async settle(context, request) {
        void referenceSteps.settle(context, request)
        const network = context.config.version === 1 ? context.config.networkV1 : context.config.network
        const payer =
          (request.paymentPayload.payload as { authorization?: { from?: string } }).authorization?.from ?? ''
        return { ok: true, response: { success: true, transaction: `0x${'cd'.repeat(32)}`, network, payer } }
      },
    },
  },
  caughtBy: ['server.payment.settled-before-delivery', 'server.failure.settle-rejected'],
})
