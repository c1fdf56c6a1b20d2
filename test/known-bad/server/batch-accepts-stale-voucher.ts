import { referenceBatchSteps } from '../../../harness/reference/server/index.ts'
import { knownBad } from './known-bad.ts'

/** Takes any batch-settlement voucher up to chargedCumulativeAmount + amount, old ones included. */
export default knownBad({
  name: 'batch-accepts-stale-voucher',
  breaks: ['RS-31'],
  defect:
    'accepts a voucher below chargedCumulativeAmount + amount (a replayed or stale voucher) instead of the corrective 402',
  versions: [2],
  replace: {
    batchSteps: {
      voucherDue: (payment, due) =>
        payment.type === 'refund'
          ? referenceBatchSteps.voucherDue(payment, due)
          : payment.voucher.maxClaimableAmount <= due,
    },
  },
  caughtBy: [
    'server.batch.replayed-voucher',
    'server.batch.cumulative-mismatch',
    'server.property.batch-cumulative',
  ],
})
