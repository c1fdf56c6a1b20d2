import { referenceSteps } from '../../../harness/reference/server/index.ts'
import type { ExactEvmPayload, PaymentRequirements } from '../../../harness/wire/types.ts'
import { knownBad } from './known-bad.ts'

/** Charges whatever the client signed: the requirements' amount is copied from authorization.value. */
export default knownBad({
  name: 'price-from-authorization',
  breaks: ['RS-39', 'RS-15'],
  defect:
    'sets the requirement amount to the signed authorization.value, so under- and overpayments are settled',
  versions: [1, 2],
  replace: {
    steps: {
      match(context, payload, offers) {
        const matched =
          referenceSteps.match(context, payload, offers) ??
          (payload.x402Version === 2 ? offers[0] : undefined)
        const value = (payload.payload as ExactEvmPayload).authorization?.value
        if (!matched || value === undefined) return matched
        const requirements: PaymentRequirements =
          'maxAmountRequired' in matched
            ? { ...matched, maxAmountRequired: value }
            : { ...matched, amount: value }
        return requirements
      },
    },
  },
  caughtBy: [
    'server.payment.underpayment@v1',
    'server.accepted.amount-lowered',
    'server.accepted.requirements-not-from-client',
  ],
})
