import { referenceSteps } from '../../../harness/reference/server/index.ts'
import { knownBad } from './known-bad.ts'

/** Fails open: when the facilitator cannot be used, it assumes the payment is fine and delivers. */
export default knownBad({
  name: 'fails-open',
  breaks: ['RS-16', 'RS-18'],
  defect: 'treats an unreachable or garbage-answering facilitator as a yes',
  versions: [1, 2],
  replace: {
    steps: {
      async verify(context, request) {
        const outcome = await referenceSteps.verify(context, request)
        return outcome.ok ? outcome : { ok: true, response: { isValid: true } }
      },
      async settle(context, request) {
        const outcome = await referenceSteps.settle(context, request)
        if (outcome.ok) return outcome
        const network = context.config.version === 1 ? context.config.networkV1 : context.config.network
        return {
          ok: true,
          response: { success: true, transaction: `0x${'00'.repeat(32)}`, network, payer: '' },
        }
      },
    },
  },
  caughtBy: [
    'server.failure.verify-unreachable',
    'server.failure.verify-garbage',
    'server.failure.settle-unreachable',
    'server.failure.settle-garbage',
    'server.failure.settle-wrong-shape',
  ],
})
