/** A mined settlement is a success: the receipt's status is taken as proof that payTo was paid. */
import { Reason } from '../../../harness/facilitator/index.ts'
import { knownBad } from './defect.ts'

export const trustsReceiptStatus = knownBad({
  name: 'trusts-receipt-status',
  defect:
    'reports success for every settlement whose receipt has status success, without reading its Transfer events',
  breaks: ['FA-60'],
  caughtBy: ['facilitator.settle.transfer-event'],
  replace: { settlementCheck: (receipt) => (receipt.status === 'success' ? undefined : Reason.transaction) },
})
