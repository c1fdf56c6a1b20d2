/** batch-settlement: vouchers at or below what is already claimed verify (rule 10 off). */
import { knownBad } from './defect.ts'

export const batchSkipsClaimedRule = knownBad({
  name: 'batch-skips-claimed-rule',
  defect: 'a batch-settlement voucher at or below the channel totalClaimed verifies',
  breaks: ['FA-28'],
  caughtBy: ['facilitator.batch.voucher-below-claimed'],
  replace: {
    batchSteps: { aboveClaimed: () => true },
  },
})
