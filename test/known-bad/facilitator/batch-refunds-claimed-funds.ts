/** batch-settlement: a refund reports the amount asked for, claimed funds included, as paid back. */
import { knownBad } from './defect.ts'

export const batchRefundsClaimedFunds = knownBad({
  name: 'batch-refunds-claimed-funds',
  defect:
    'a refund asking for the whole deposit reports it all as refunded, claimed funds included, instead of what the chain paid back',
  breaks: ['FA-28'],
  caughtBy: ['facilitator.batch.refund-unclaimed', 'facilitator.batch.conservation'],
  replace: {
    batchSteps: { refundedAmount: (requested) => requested },
  },
})
