/** Never compares the payment's network with the requirements' network. */
import { knownBad, rewritingRequests } from './defect.ts'

export const acceptsNetworkMismatch = knownBad({
  name: 'accepts-network-mismatch',
  defect: "a payment for another network than the requirements' is verified",
  breaks: ['FA-11'],
  caughtBy: ['facilitator.verify.network-mismatch'],
  replace: {
    wrap: rewritingRequests((envelope) => {
      const network = envelope.paymentRequirements.network
      if (envelope.paymentPayload.accepted) envelope.paymentPayload.accepted.network = network
      else envelope.paymentPayload.network = network
    }),
  },
})
