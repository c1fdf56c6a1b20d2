/** /verify does not check the payer's balance. */
import { Reason } from '../../../harness/facilitator/index.ts'
import { knownBad, verifySkipping } from './defect.ts'

export const skipsBalanceCheck = knownBad({
  name: 'skips-balance-check',
  defect: "/verify answers isValid true although the payer's balance is below the amount",
  breaks: ['FA-7'],
  caughtBy: ['facilitator.verify.insufficient-balance'],
  replace: {
    wrap: verifySkipping(Reason.funds, Reason.transaction),
  },
})
