/** batch-settlement: a refund's nonce is not checked and settle signs the current one (rule 11 off). */
import { knownBad } from './defect.ts'

export const batchIgnoresRefundNonce = knownBad({
  name: 'batch-ignores-refund-nonce',
  defect: 'a refund at a used refund nonce is settled again, under the current on-chain nonce',
  breaks: ['FA-28'],
  caughtBy: ['facilitator.batch.refund-stale-nonce'],
  // Any named nonce passes, and the refund is signed with the on-chain one.
  replace: {
    batchSteps: { refundNonce: (_given, onChain) => onChain },
  },
})
