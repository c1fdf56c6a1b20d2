/** upto: a settle request above the maximum is clamped to the maximum and settled. */
import { knownBad, rewritingRequests, uptoAmounts } from './defect.ts'

export const uptoClampsOverSettle = knownBad({
  name: 'upto-clamps-over-settle',
  defect: 'an upto settlement above the maximum settles the maximum instead of being refused',
  breaks: ['FA-24'],
  caughtBy: ['facilitator.upto.over-settle'],
  replace: {
    wrap: rewritingRequests((envelope) => {
      const upto = uptoAmounts(envelope)
      if (upto !== undefined && upto.amount > upto.permitted)
        envelope.paymentRequirements.amount = upto.permitted.toString()
    }),
  },
})
