/** Permit2: /verify does not check that the spender is the x402ExactPermit2Proxy. */
import { knownBad, verifySkipping } from './defect.ts'

export const permit2IgnoresSpender = knownBad({
  name: 'permit2-ignores-spender',
  defect: '/verify answers isValid true for a Permit2 permit signed for another spender than the proxy',
  breaks: ['FA-18'],
  caughtBy: ['facilitator.permit2.wrong-spender'],
  replace: {
    wrap: verifySkipping('invalid_permit2_spender'),
  },
})
