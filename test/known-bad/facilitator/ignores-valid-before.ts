/** /verify ignores validBefore: an expired authorization is "valid". */
import { Reason } from '../../../harness/facilitator/index.ts'
import { knownBad, verifySkipping } from './defect.ts'

export const ignoresValidBefore = knownBad({
  name: 'ignores-valid-before',
  defect: '/verify answers isValid true for an authorization whose validBefore has passed',
  breaks: ['FA-9'],
  caughtBy: ['facilitator.verify.valid-before-expired'],
  replace: {
    wrap: verifySkipping(Reason.validBefore),
  },
})
