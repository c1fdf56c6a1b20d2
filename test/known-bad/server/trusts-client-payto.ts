import { referenceSteps } from '../../../harness/reference/server/index.ts'
import type { ExactEvmPayload } from '../../../harness/wire/types.ts'
import { knownBad } from './known-bad.ts'

/** Takes payTo from the signed authorization: whoever the client pays, the server is satisfied. */
export default knownBad({
  name: 'trusts-client-payto',
  breaks: ['RS-39'],
  defect: 'builds the requirements with payTo = authorization.to, so a payment to anyone buys the resource',
  versions: [1, 2],
  replace: {
    steps: {
      match(context, payload, offers) {
        const offer = offers.find(
          (o) => o.scheme === (payload.x402Version === 2 ? payload.accepted.scheme : payload.scheme),
        )
        if (!offer) return referenceSteps.match(context, payload, offers)
        const to = (payload.payload as ExactEvmPayload).authorization?.to
        return to ? { ...offer, payTo: to } : offer
      },
    },
  },
  caughtBy: [
    'server.authorization.wrong-payto@v1',
    'server.accepted.payto-changed',
    'server.accepted.requirements-not-from-client',
  ],
})
