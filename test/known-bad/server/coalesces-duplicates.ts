import type { FacilitatorOutcome } from '../../../harness/reference/server/index.ts'
import { referenceSteps } from '../../../harness/reference/server/index.ts'
import type { FacilitatorRequest, SettlementResponse } from '../../../harness/wire/types.ts'
import { knownBad } from './known-bad.ts'

/**
 * Coalesces concurrent duplicates: a payment that arrives while the same payment is in flight skips
 * verification and shares the first request's settlement, so each copy is delivered.
 */
function coalescing() {
  const inFlight = new Map<string, Promise<FacilitatorOutcome<SettlementResponse>>>()
  const followers = new WeakMap<FacilitatorRequest, Promise<FacilitatorOutcome<SettlementResponse>>>()
  const owners = new WeakMap<FacilitatorRequest, (outcome: FacilitatorOutcome<SettlementResponse>) => void>()
  const key = (request: FacilitatorRequest) =>
    JSON.stringify((request.paymentPayload as { payload?: unknown }).payload)
  return knownBad({
    name: 'coalesces-duplicates',
    breaks: ['RS-37'],
    defect: "concurrent copies of one payment share the first copy's settlement and are each delivered",
    versions: [1, 2],
    replace: {
      steps: {
        async verify(context, request) {
          const shared = inFlight.get(key(request))
          if (shared) {
            followers.set(request, shared)
            return { ok: true, response: { isValid: true } }
          }
          let settle!: (outcome: FacilitatorOutcome<SettlementResponse>) => void
          inFlight.set(key(request), new Promise((resolve) => (settle = resolve)))
          owners.set(request, settle)
          const outcome = await referenceSteps.verify(context, request)
          if (!outcome.ok || !outcome.response.isValid) {
            inFlight.delete(key(request))
            settle({ ok: false, error: 'the first copy did not verify' })
          }
          return outcome
        },
        async settle(context, request) {
          const shared = followers.get(request)
          if (shared) return shared
          const outcome = await referenceSteps.settle(context, request)
          owners.get(request)?.(outcome)
          inFlight.delete(key(request))
          return outcome
        },
      },
    },
    caughtBy: ['server.replay.concurrent'],
  })
}

export default coalescing()
