import { knownBad } from './known-bad.ts'
import { networkOf, postRaw } from './lax-facilitator.ts'

/** Reads facilitator answers by truthiness: `"isValid": "true"` is valid, `"success": 1` is settled. */
export default knownBad({
  name: 'truthy-facilitator-answers',
  breaks: ['RS-48', 'RS-16', 'RS-18'],
  defect:
    'takes isValid and success by truthiness, so wrong-shape answers ("true", 1) count as a valid payment and a settlement',
  versions: [1, 2],
  replace: {
    steps: {
      async verify(context, request) {
        const answer = await postRaw(context, '/verify', request)
        if (answer?.status !== 200 || answer.body === undefined)
          return { ok: false, error: 'facilitator /verify unusable' }
        const reason = answer.body.invalidReason
        return {
          ok: true,
          response: {
            isValid: Boolean(answer.body.isValid),
            ...(typeof reason === 'string' ? { invalidReason: reason } : {}),
          },
        }
      },
      async settle(context, request) {
        const answer = await postRaw(context, '/settle', request)
        if (answer?.status !== 200 || answer.body === undefined)
          return { ok: false, error: 'facilitator /settle unusable' }
        return {
          ok: true,
          response: {
            success: Boolean(answer.body.success),
            transaction: String(answer.body.transaction ?? ''),
            network: networkOf(context),
            payer: String(answer.body.payer ?? ''),
          },
        }
      },
    },
  },
  caughtBy: [
    'server.failure.verify-wrong-shape',
    'server.failure.settle-wrong-shape',
    'server.failure.settle-success-not-boolean',
  ],
})
