import { referenceSteps } from '../../../harness/reference/server/index.ts'
import type { PaymentRequirementsV2 } from '../../../harness/wire/types.ts'
import { knownBad } from './known-bad.ts'

/** Offers batch-settlement with a one-minute withdraw delay (the contract's floor is 15 minutes). */
export default knownBad({
  name: 'batch-short-withdraw-delay',
  breaks: ['RS-44'],
  defect: 'advertises extra.withdrawDelay 60, below the 900-second minimum a channel can have',
  versions: [2],
  replace: {
    steps: {
      offers(context) {
        return referenceSteps
          .offers(context)
          .map((offer) =>
            offer.scheme === 'batch-settlement'
              ? { ...offer, extra: { ...(offer as PaymentRequirementsV2).extra, withdrawDelay: 60 } }
              : offer,
          )
      },
    },
  },
  caughtBy: ['server.batch.offer'],
})
