/** batch-settlement: vouchers are accepted whoever signed them (rule 6 off). */
import { knownBad } from './defect.ts'

export const batchSkipsVoucherSignature = knownBad({
  name: 'batch-skips-voucher-signature',
  defect: 'a batch-settlement voucher verifies without checking that the payer authorizer signed it',
  breaks: ['FA-28'],
  caughtBy: ['facilitator.batch.voucher-wrong-signer'],
  replace: {
    batchSteps: { voucherSignature: async () => true },
  },
})
