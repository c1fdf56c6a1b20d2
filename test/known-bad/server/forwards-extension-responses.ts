import { referenceSteps } from '../../../harness/reference/server/index.ts'
import { knownBad } from './known-bad.ts'

/** Passes the facilitator's EXTENSION-RESPONSES sidechannel on to the buyer with the receipt. */
export default knownBad({
  name: 'forwards-extension-responses',
  breaks: ['RS-51'],
  defect: "copies the facilitator's EXTENSION-RESPONSES header into the response to the buyer",
  versions: [2],
  replace: {
    steps: {
      receipt: (context, settlement, sidechannel) => ({
        ...referenceSteps.receipt(context, settlement),
        ...(sidechannel === undefined ? {} : { 'extension-responses': sidechannel }),
      }),
    },
  },
  caughtBy: ['server.extension-responses.not-forwarded'],
})
