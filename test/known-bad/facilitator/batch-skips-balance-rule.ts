/** batch-settlement: vouchers above the channel balance verify (rule 9 off). */
import { knownBad } from './defect.ts'

export const batchSkipsBalanceRule = knownBad({
  name: 'batch-skips-balance-rule',
  defect: 'a batch-settlement voucher above the channel balance verifies',
  breaks: ['FA-28'],
  caughtBy: ['facilitator.batch.voucher-above-balance'],
  replace: {
    batchSteps: { withinBalance: () => true },
  },
})
