/** upto: /verify does not check that the witness names this facilitator. */
import { knownBad, verifySkipping } from './defect.ts'

export const uptoAnyFacilitator = knownBad({
  name: 'upto-any-facilitator',
  defect: '/verify answers isValid true for an upto permit bound to another facilitator',
  breaks: ['FA-64'],
  caughtBy: ['facilitator.upto.other-facilitator'],
  replace: {
    wrap: verifySkipping('upto_facilitator_mismatch'),
  },
})
