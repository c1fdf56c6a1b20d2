import { referenceSteps } from '../../../harness/reference/server/index.ts'
import { knownBad } from './known-bad.ts'

/** Names another resource in its challenge than the one requested (a SHOULD: the report warns). */
export default knownBad({
  name: 'names-another-resource',
  breaks: ['RS-40'],
  defect: 'the challenge names /other as the resource',
  versions: [1, 2],
  replace: {
    steps: {
      offers: (context) =>
        referenceSteps.offers({ ...context, resourceUrl: new URL('/other', context.resourceUrl).href }),
      challenge(context, paymentRequired, status) {
        const moved =
          paymentRequired.x402Version === 2
            ? {
                ...paymentRequired,
                resource: { ...paymentRequired.resource, url: new URL('/other', context.resourceUrl).href },
              }
            : paymentRequired
        return referenceSteps.challenge(context, moved, status)
      },
    },
  },
  caughtBy: ['server.challenge.resource'],
})
