/** upto: a settle request above the maximum is clamped to the maximum and settled. */
import { isRecord, knownBad, rewritingRequests, uint } from './defect.ts'

export const uptoClampsOverSettle = knownBad({
  name: 'upto-clamps-over-settle',
  defect: 'an upto settlement above the maximum settles the maximum instead of being refused',
  breaks: ['FA-24'],
  caughtBy: ['facilitator.upto.over-settle'],
  replace: {
    wrap: rewritingRequests((envelope) => {
      if (envelope.paymentRequirements.scheme !== 'upto') return
      const payload = envelope.paymentPayload.payload as unknown
      const permit = isRecord(payload) ? payload.permit2Authorization : undefined
      const permitted =
        isRecord(permit) && isRecord(permit.permitted) ? uint(permit.permitted.amount) : undefined
      const amount = uint(envelope.paymentRequirements.amount)
      if (permitted !== undefined && amount !== undefined && amount > permitted)
        envelope.paymentRequirements.amount = permitted.toString()
    }),
  },
})
