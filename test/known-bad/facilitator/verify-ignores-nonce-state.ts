/** /verify does not look at the nonce's state on chain: a used or cancelled authorization is "valid". */
import { Reason } from '../../../harness/facilitator/index.ts'
import { knownBad, verifySkipping } from './defect.ts'

export const verifyIgnoresNonceState = knownBad({
  name: 'verify-ignores-nonce-state',
  defect: '/verify answers isValid true for an authorization whose nonce is already used or cancelled',
  breaks: ['FA-13'],
  caughtBy: ['facilitator.verify.nonce-used', 'facilitator.verify.authorization-cancelled'],
  // The simulation would catch it too, so skipping the nonce check means skipping both.
  replace: {
    wrap: verifySkipping(Reason.nonceUsed, Reason.transaction),
  },
})
