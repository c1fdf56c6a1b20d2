import { referenceBatchSteps } from '../../../harness/reference/server/index.ts'
import { knownBad } from './known-bad.ts'

/** Counts a channel it has no record of from the client's voucher, not from the chain. */
export default knownBad({
  name: 'batch-baseline-from-voucher',
  breaks: ['RS-31'],
  defect:
    'on a channel without a record, takes chargedCumulativeAmount = voucher ceiling - amount instead of the on-chain totalClaimed, so a voucher just above totalClaimed buys a request',
  versions: [2],
  replace: {
    batchSteps: {
      baseline: (payment, price, snapshot) =>
        payment.voucher.maxClaimableAmount >= price
          ? payment.voucher.maxClaimableAmount - price
          : referenceBatchSteps.baseline(payment, price, snapshot),
    },
  },
  caughtBy: ['server.batch.unknown-channel-baseline'],
})
