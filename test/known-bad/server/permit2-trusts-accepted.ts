import { referenceSteps } from '../../../harness/reference/server/index.ts'
import type { PaymentRequirementsV2 } from '../../../harness/wire/types.ts'
import { knownBad } from './known-bad.ts'

/** Routes Permit2 payments by scheme and token, then takes the terms the client says it accepted. */
export default knownBad({
  name: 'permit2-trusts-accepted',
  breaks: ['RS-39'],
  defect:
    'for a Permit2 payment, matches an offer by scheme, network and asset only and sends the client’s accepted terms to the facilitator',
  versions: [2],
  replace: {
    overrides: { permit2Kinds: ['exact', 'upto'] },
    steps: {
      match(context, payload, offers) {
        const inner = payload.payload as Record<string, unknown>
        if (payload.x402Version !== 2 || !Object.hasOwn(inner, 'permit2Authorization'))
          return referenceSteps.match(context, payload, offers)
        const accepted = payload.accepted
        const routed = (offers as PaymentRequirementsV2[]).find(
          (offer) =>
            offer.scheme === accepted.scheme &&
            offer.network === accepted.network &&
            offer.asset.toLowerCase() === accepted.asset.toLowerCase(),
        )
        return routed ? accepted : undefined
      },
    },
  },
  caughtBy: ['server.permit2.unoffered-terms'],
})
