/** Verifies and settles an authorization for less than the required amount (as if that were the price). */
import { amountField } from '../../../harness/schemes/exact-evm/payment.ts'
import { authorizationOf, knownBad, rewritingRequests, uint } from './defect.ts'

export const acceptsUnderpayment = knownBad({
  name: 'accepts-underpayment',
  defect: 'an authorization below the required amount is verified and settled for its own value',
  breaks: ['FA-8'],
  caughtBy: [
    'facilitator.verify.amount-under',
    'facilitator.settle.amount-under',
    'facilitator.verify.accepted-underpriced',
    'facilitator.settle.accepted-underpriced',
  ],
  replace: {
    wrap: rewritingRequests((envelope) => {
      const value = uint(authorizationOf(envelope)?.value)
      const key = amountField(envelope.paymentPayload.x402Version)
      const required = uint(envelope.paymentRequirements[key])
      if (value === undefined || required === undefined || value >= required) return
      envelope.paymentRequirements[key] = value.toString()
      if (envelope.paymentPayload.accepted) envelope.paymentPayload.accepted.amount = value.toString()
    }),
  },
})
