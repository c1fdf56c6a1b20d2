/** v2: checks the payment against the client's `accepted` instead of the server's requirements. */
import { knownBad, rewritingRequests } from './defect.ts'

export const trustsAccepted = knownBad({
  name: 'trusts-accepted',
  defect: 'v2 payments are verified and settled against paymentPayload.accepted, not paymentRequirements',
  breaks: ['FA-50'],
  caughtBy: [
    'facilitator.verify.accepted-underpriced',
    'facilitator.verify.accepted-payto',
    'facilitator.settle.accepted-underpriced',
    'facilitator.settle.accepted-payto',
  ],
  replace: {
    wrap: rewritingRequests((envelope) => {
      const accepted = envelope.paymentPayload.accepted
      if (envelope.paymentPayload.x402Version === 2 && accepted)
        envelope.paymentRequirements = { ...accepted }
    }),
  },
})
