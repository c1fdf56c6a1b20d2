/** Sends the money wherever the authorization says, not to the requirements' payTo. */
import { authorizationOf, knownBad, rewritingRequests } from './defect.ts'

export const paysAuthorizationRecipient = knownBad({
  name: 'pays-authorization-recipient',
  defect:
    'authorization.to is never compared with payTo, so money goes to an address the server did not name',
  breaks: ['FA-10'],
  caughtBy: [
    'facilitator.verify.recipient-mismatch',
    'facilitator.settle.recipient-mismatch',
    'facilitator.verify.accepted-payto',
    'facilitator.settle.accepted-payto',
  ],
  replace: {
    wrap: rewritingRequests((envelope) => {
      const to = authorizationOf(envelope)?.to
      if (typeof to !== 'string') return
      envelope.paymentRequirements.payTo = to
      if (envelope.paymentPayload.accepted) envelope.paymentPayload.accepted.payTo = to
    }),
  },
})
