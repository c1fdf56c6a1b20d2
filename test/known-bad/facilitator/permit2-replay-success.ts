/** Permit2: a second /settle of a settled payment answers the first success again. */
import type { IncomingRequest } from '../../../harness/facilitator/service.ts'
import { envelopeOf, isRecord, knownBad, ok, replyBody } from './defect.ts'

export const permit2ReplaySuccess = knownBad({
  name: 'permit2-replay-success',
  defect: 'a replayed /settle of a settled Permit2 payment reports the first success (moving nothing)',
  breaks: ['FA-62'],
  caughtBy: ['facilitator.permit2.valid'],
  replace: {
    wrap: (service) => {
      const settled = new Map<string, unknown>()
      const keyOf = (request: IncomingRequest) => {
        const payload = envelopeOf(request)?.paymentPayload.payload as unknown
        const permit = isRecord(payload) ? payload.permit2Authorization : undefined
        return isRecord(permit) ? `${String(permit.from).toLowerCase()}:${String(permit.nonce)}` : undefined
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
