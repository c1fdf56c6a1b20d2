import { referenceBatchSteps } from '../../../harness/reference/server/index.ts'
import { knownBad } from './known-bad.ts'

/** Takes any batch-settlement voucher at or above chargedCumulativeAmount + amount. */
export default knownBad({
  name: 'batch-accepts-ahead-voucher',
  breaks: ['RS-31'],
  defect:
    'accepts a voucher above chargedCumulativeAmount + amount (one that skips ahead) instead of the corrective 402',
  versions: [2],
  replace: {
    batchSteps: {
      voucherDue: (payment, due) =>
        payment.type === 'refund'
          ? referenceBatchSteps.voucherDue(payment, due)
          : payment.voucher.maxClaimableAmount >= due,
    },
  },
  caughtBy: ['server.batch.out-of-order', 'server.property.batch-cumulative'],
})
