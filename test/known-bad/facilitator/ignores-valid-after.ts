/** /verify ignores validAfter: an authorization that is not valid yet is "valid". */
import { Reason } from '../../../harness/facilitator/index.ts'
import { knownBad, verifySkipping } from './defect.ts'

export const ignoresValidAfter = knownBad({
  name: 'ignores-valid-after',
  defect: '/verify answers isValid true for an authorization whose validAfter is in the future',
  breaks: ['FA-46'],
  caughtBy: ['facilitator.verify.valid-after-future'],
  replace: {
    wrap: verifySkipping(Reason.validAfter),
  },
})
