/** A successful SettleResponse carries no transaction hash. */
import { knownBad, rewritingSettlements } from './defect.ts'

export const emptyTransactionOnSuccess = knownBad({
  name: 'empty-transaction-on-success',
  defect: 'a successful SettleResponse has transaction ""',
  breaks: ['FA-4'],
  caughtBy: ['facilitator.settle.valid'],
  replace: {
    wrap: rewritingSettlements((settlement) => {
      settlement.transaction = ''
    }),
  },
})
