import { referenceBatchSteps } from '../../../harness/reference/server/index.ts'
import { knownBad } from './known-bad.ts'

/** Takes a refund without checking its zero-charge voucher against what was charged. */
export default knownBad({
  name: 'batch-skips-refund-check',
  breaks: ['RS-46'],
  defect:
    'completes a refund whose voucher is below chargedCumulativeAmount instead of answering the corrective 402',
  versions: [2],
  replace: {
    batchSteps: {
      voucherDue: (payment, due) => payment.type === 'refund' || referenceBatchSteps.voucherDue(payment, due),
    },
  },
  caughtBy: ['server.batch.refund-stale-voucher'],
})
