/**
 * upto: every partial settlement is executed for the signed maximum instead of the charge the server
 * asked for (the answer still names the charge), so the payer loses the ceiling.
 */
import { isRecord, knownBad, rewritingRequests, uint } from './defect.ts'

export const uptoSettlesMaximum = knownBad({
  name: 'upto-settles-maximum',
  defect: 'settles an upto payment for permitted.amount whatever paymentRequirements.amount asks',
  breaks: ['FA-57'],
  caughtBy: ['facilitator.upto.settled-sum', 'facilitator.upto.partial-settle'],
  replace: {
    wrap: rewritingRequests((envelope) => {
      if (envelope.paymentRequirements.scheme !== 'upto') return
      const payload = envelope.paymentPayload.payload as unknown
      const permit = isRecord(payload) ? payload.permit2Authorization : undefined
      const permitted =
        isRecord(permit) && isRecord(permit.permitted) ? uint(permit.permitted.amount) : undefined
      const amount = uint(envelope.paymentRequirements.amount)
      if (permitted !== undefined && amount !== undefined && amount > 0n && amount < permitted)
        envelope.paymentRequirements.amount = permitted.toString()
    }),
  },
})
