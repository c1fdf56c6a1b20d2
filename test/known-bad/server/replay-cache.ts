import { referenceSteps } from '../../../harness/reference/server/index.ts'
import type { SettlementResponse } from '../../../harness/wire/types.ts'
import { knownBad } from './known-bad.ts'

/** Remembers settled payments and serves them again from its cache ("idempotent" retries). */
function replayCache() {
  const settled = new Map<string, SettlementResponse>()
  const key = (payload: unknown) => JSON.stringify((payload as { payload?: unknown }).payload)
  return knownBad({
    name: 'replay-cache',
    breaks: ['RS-37'],
    defect: 'treats a payment it already settled as paid again, so a replayed header is delivered again',
    versions: [1, 2],
    replace: {
      steps: {
        async verify(context, request) {
          if (settled.has(key(request.paymentPayload))) return { ok: true, response: { isValid: true } }
          return referenceSteps.verify(context, request)
        },
        async settle(context, request) {
          const cached = settled.get(key(request.paymentPayload))
          if (cached) return { ok: true, response: cached }
          const outcome = await referenceSteps.settle(context, request)
          if (outcome.ok && outcome.response.success)
            settled.set(key(request.paymentPayload), outcome.response)
          return outcome
        },
      },
    },
    caughtBy: ['server.replay.sequential', 'server.property.replay-interleaving'],
  })
}

export default replayCache()
