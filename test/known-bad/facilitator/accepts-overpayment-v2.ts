/** v2: verifies and settles an authorization for more than the required amount (exact is not exact). */
import { authorizationOf, knownBad, rewritingRequests, uint } from './defect.ts'

export const acceptsOverpaymentV2 = knownBad({
  name: 'accepts-overpayment-v2',
  defect: 'a v2 authorization above the required amount is verified and settled',
  breaks: ['FA-34'],
  caughtBy: ['facilitator.verify.amount-over'],
  replace: {
    wrap: rewritingRequests((envelope) => {
      if (envelope.paymentPayload.x402Version !== 2) return
      const value = uint(authorizationOf(envelope)?.value)
      const required = uint(envelope.paymentRequirements.amount)
      if (value === undefined || required === undefined || value <= required) return
      envelope.paymentRequirements.amount = value.toString()
      if (envelope.paymentPayload.accepted) envelope.paymentPayload.accepted.amount = value.toString()
    }),
  },
})
