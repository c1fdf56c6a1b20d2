/** /supported lists a signer that never sends the settlement transactions. */
import { privateKeyToAccount } from 'viem/accounts'
import { knownBad, ok, replyBody } from './defect.ts'

const STRANGER = privateKeyToAccount(`0x${'42'.repeat(32)}`).address

export const wrongSignerInSupported = knownBad({
  name: 'wrong-signer-in-supported',
  defect: "/supported's signers lists an address that is not the one sending settlement transactions",
  breaks: ['FA-38'],
  caughtBy: ['facilitator.supported.signers'],
  replace: {
    wrap: (service) => ({
      async answer(request) {
        const reply = await service.answer(request)
        const body = replyBody(reply)
        if (request.path !== '/supported' || body === undefined) return reply
        return ok({ ...body, signers: { 'eip155:*': [STRANGER] } })
      },
    }),
  },
})
