import { referenceSteps } from '../../../harness/reference/server/index.ts'
import { knownBad } from './known-bad.ts'

/** Sends PAYMENT-REQUIRED as raw JSON instead of base64 (a common interop bug). */
export default knownBad({
  name: 'raw-json-challenge',
  breaks: ['RS-2', 'X-7'],
  defect: 'puts raw JSON in the PAYMENT-REQUIRED header',
  versions: [2],
  replace: {
    steps: {
      challenge(context, paymentRequired, status) {
        const reply = referenceSteps.challenge(context, paymentRequired, status)
        return {
          ...reply,
          headers: { ...reply.headers, 'payment-required': JSON.stringify(paymentRequired) },
        }
      },
    },
  },
  caughtBy: ['server.challenge.header', 'server.challenge.schema'],
})
