import { declaredFlow, isPaymentFlow } from '../../../harness/reference/server/index.ts'
import { knownBad } from './known-bad.ts'

/** Runs its own flow whatever flow or transfer method the client says it accepted. */
export default knownBad({
  name: 'accepts-unsupported-flow',
  breaks: ['RS-53'],
  defect:
    'ignores the paymentFlow and assetTransferMethod of the accepted terms, so a payment for a flow it does not run is settled and delivered',
  versions: [2],
  replace: {
    steps: {
      paymentFlow: (_context, _payload, requirements) => {
        const flow = declaredFlow(requirements)
        return isPaymentFlow(flow) ? flow : 'authorization'
      },
    },
  },
  caughtBy: ['server.flow.unsupported-flow'],
})
