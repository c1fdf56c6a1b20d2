/** /verify does not check the signature: a payment signed by anyone (or corrupted) is "valid". */
import { Reason } from '../../../harness/facilitator/index.ts'
import { knownBad, verifySkipping } from './defect.ts'

export const skipsSignatureCheck = knownBad({
  name: 'skips-signature-check',
  defect: '/verify answers isValid true for a payment whose signature is not by authorization.from',
  breaks: ['FA-6'],
  caughtBy: [
    'facilitator.verify.signature-corrupted',
    'facilitator.verify.signer-not-payer',
    'facilitator.smart-wallet.invalid-signature',
  ],
  replace: {
    wrap: verifySkipping(Reason.signature),
  },
})
