/** A second /settle of a settled payment answers the first success again (a "success" that moved nothing). */
import type { IncomingRequest } from '../../../harness/facilitator/service.ts'
import { authorizationOf, envelopeOf, knownBad, ok, replyBody } from './defect.ts'

export const reportsSuccessOnReplay = knownBad({
  name: 'reports-success-on-replay',
  defect: 'a replayed /settle of an already settled payment reports success with the first transaction',
  breaks: ['FA-13'],
  caughtBy: ['facilitator.settle.replay', 'facilitator.settle.concurrent'],
  replace: {
    wrap: (service) => {
      const settled = new Map<string, unknown>()
      const keyOf = (request: IncomingRequest) => {
        const envelope = envelopeOf(request)
        const authorization = envelope ? authorizationOf(envelope) : undefined
        return authorization
          ? `${String(authorization.from).toLowerCase()}:${String(authorization.nonce)}`
          : undefined
      }
      return {
        async answer(request) {
          const reply = await service.answer(request)
          const key = request.path === '/settle' ? keyOf(request) : undefined
          if (key === undefined) return reply
          const body = replyBody(reply)
          if (body?.success === true) settled.set(key, body)
          else if (settled.has(key)) return ok(settled.get(key))
          return reply
        },
      }
    },
  },
})
