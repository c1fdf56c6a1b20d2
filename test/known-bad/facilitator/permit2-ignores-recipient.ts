/** Permit2: /verify does not compare witness.to with payTo. */
import { knownBad, verifySkipping } from './defect.ts'

export const permit2IgnoresRecipient = knownBad({
  name: 'permit2-ignores-recipient',
  defect: '/verify answers isValid true for a Permit2 permit whose witness.to is not payTo',
  breaks: ['FA-18'],
  caughtBy: ['facilitator.permit2.wrong-recipient'],
  replace: {
    wrap: verifySkipping('invalid_permit2_recipient_mismatch'),
  },
})
