import { referenceSteps } from '../../../harness/reference/server/index.ts'
import type { PaymentRequirements } from '../../../harness/wire/types.ts'
import { knownBad } from './known-bad.ts'

/** Sends the client's `accepted` to the facilitator as the requirements, so the client sets the price. */
export default knownBad({
  name: 'trusts-accepted-amount',
  breaks: ['RS-39', 'RS-19'],
  defect: "uses the client's v2 accepted as the payment requirements (the client chooses the amount)",
  versions: [2],
  replace: {
    steps: {
      match(context, payload, offers) {
        if (payload.x402Version !== 2) return referenceSteps.match(context, payload, offers)
        const offer = offers[0] as PaymentRequirements & { amount: string }
        return payload.accepted.scheme === offer.scheme && payload.accepted.network === offer.network
          ? payload.accepted
          : undefined
      },
    },
  },
  caughtBy: ['server.accepted.amount-lowered', 'server.accepted.requirements-not-from-client'],
})
