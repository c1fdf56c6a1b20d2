/** v2 /supported without the required extensions and signers. */
import { knownBad, ok, replyBody } from './defect.ts'

export const supportedWithoutSigners = knownBad({
  name: 'supported-without-signers',
  defect: 'GET /supported answers only kinds, without the v2 fields extensions and signers',
  breaks: ['FA-5'],
  caughtBy: ['facilitator.supported.shape@v2'],
  replace: {
    wrap: (service) => ({
      async answer(request) {
        const reply = await service.answer(request)
        const body = replyBody(reply)
        if (request.path !== '/supported' || body === undefined) return reply
        return ok({ kinds: body.kinds })
      },
    }),
  },
})
