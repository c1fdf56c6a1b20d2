import { referenceSteps } from '../../../harness/reference/server/steps.ts'
import { knownBad } from './known-bad.ts'

/** Refuses a v1 payment with a bare `{error}` body: the client cannot read the terms to pay again. */
export default knownBad({
  name: 'v1-bare-refusal',
  breaks: ['RS-41'],
  defect: 'answers a refused v1 payment with {"error": …} and no accepts',
  versions: [1],
  replace: {
    steps: {
      challenge: (context, paymentRequired, status) => {
        const reply = referenceSteps.challenge(context, paymentRequired, status)
        // The unpaid challenge stays correct; only refusals after a payment lose their terms.
        if (paymentRequired.error?.endsWith('header is required')) return reply
        return { ...reply, body: JSON.stringify({ error: paymentRequired.error }) }
      },
    },
  },
  caughtBy: ['server.refusal.v1-error-body'],
})
