import { referenceSteps } from '../../../harness/reference/server/index.ts'
import { knownBad } from './known-bad.ts'

/** Offers exact with Permit2 but only ever handles EIP-3009: a Permit2 payment is refused. */
export default knownBad({
  name: 'permit2-refuses-offered',
  breaks: ['RS-12'],
  defect:
    'advertises an exact offer with assetTransferMethod permit2, then refuses every exact payment with Permit2 (so it never gets to answer 412 either)',
  versions: [2],
  replace: {
    overrides: { permit2Kinds: ['exact', 'upto'] },
    steps: {
      paymentFlow(context, payload, requirements) {
        const inner = payload.payload as Record<string, unknown>
        if (requirements.scheme === 'exact' && Object.hasOwn(inner, 'permit2Authorization')) return undefined
        return referenceSteps.paymentFlow(context, payload, requirements)
      },
    },
  },
  caughtBy: ['server.permit2.exact-honest', 'server.permit2.allowance-required'],
})
