/**
 * upto: every partial settlement is executed for the signed maximum instead of the charge the server
 * asked for (the answer still names the charge), so the payer loses the ceiling.
 */
import { knownBad, rewritingRequests, uptoAmounts } from './defect.ts'

export const uptoSettlesMaximum = knownBad({
  name: 'upto-settles-maximum',
  defect: 'settles an upto payment for permitted.amount whatever paymentRequirements.amount asks',
  breaks: ['FA-57'],
  caughtBy: ['facilitator.upto.settled-sum', 'facilitator.upto.partial-settle'],
  replace: {
    wrap: rewritingRequests((envelope) => {
      const upto = uptoAmounts(envelope)
      if (upto !== undefined && upto.amount > 0n && upto.amount < upto.permitted)
        envelope.paymentRequirements.amount = upto.permitted.toString()
    }),
  },
})
