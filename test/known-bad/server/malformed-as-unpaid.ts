import { paymentRequiredFor, referenceSteps } from '../../../harness/reference/server/index.ts'
import { knownBad } from './known-bad.ts'

/** Treats an undecodable payment header as no payment: a fresh 402 challenge instead of 400. */
export default knownBad({
  name: 'malformed-as-unpaid',
  breaks: ['RS-14'],
  defect: 'answers a malformed payment header with the 402 challenge, as if no payment had been sent',
  versions: [1, 2],
  replace: {
    steps: {
      malformed(context, _error, offers) {
        return referenceSteps.challenge(
          context,
          paymentRequiredFor(context.config, offers, context.resourceUrl, 'payment required'),
          402,
        )
      },
    },
  },
  caughtBy: ['server.malformed.not-base64', 'server.malformed.not-json', 'server.malformed.wrong-shape'],
})
