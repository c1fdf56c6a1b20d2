import { referenceSteps, WEATHER_REPORT } from '../../../harness/reference/server/index.ts'
import { knownBad } from './known-bad.ts'

/** Forgets the paywall: a request without payment gets the resource. */
export default knownBad({
  name: 'free-resource',
  breaks: ['RS-1'],
  defect: 'answers an unpaid request with 200 and the resource',
  versions: [1, 2],
  replace: {
    steps: {
      challenge(context, paymentRequired, status) {
        if (status === 402 && /header is required$/.test(paymentRequired.error ?? ''))
          return {
            status: 200,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(WEATHER_REPORT),
          }
        return referenceSteps.challenge(context, paymentRequired, status)
      },
    },
  },
  caughtBy: ['server.challenge.status'],
})
