import { referenceSteps } from '../../../harness/reference/server/index.ts'
import { knownBad } from './known-bad.ts'

/** Settles the metered upto charge but tells the client it was charged the maximum. */
export default knownBad({
  name: 'upto-receipt-claims-maximum',
  breaks: ['RS-36'],
  defect: 'puts the upto maximum in the PAYMENT-RESPONSE amount instead of the charge that was settled',
  versions: [2],
  replace: {
    overrides: { permit2Kinds: ['exact', 'upto'] },
    steps: {
      receipt(context, settlement, sidechannel) {
        const maximum = context.config.permit2?.upto?.maximum
        const claimed =
          settlement.amount !== undefined && maximum !== undefined
            ? { ...settlement, amount: maximum }
            : settlement
        return referenceSteps.receipt(context, claimed, sidechannel)
      },
    },
  },
  caughtBy: ['server.permit2.upto-charge'],
})
