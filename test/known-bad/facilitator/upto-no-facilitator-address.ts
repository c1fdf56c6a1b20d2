/** upto: /supported lists the upto kind without extra.facilitatorAddress. */
import { isRecord, knownBad, ok, replyBody } from './defect.ts'

export const uptoNoFacilitatorAddress = knownBad({
  name: 'upto-no-facilitator-address',
  defect: '/supported lists upto without the facilitator address clients must bind in the witness',
  breaks: ['FA-26'],
  caughtBy: ['facilitator.upto.supported-address'],
  replace: {
    wrap: (service) => ({
      async answer(request) {
        const reply = await service.answer(request)
        const body = replyBody(reply)
        if (request.path !== '/supported' || !body || !Array.isArray(body.kinds)) return reply
        const kinds = body.kinds.map((kind: unknown) =>
          isRecord(kind) && kind.scheme === 'upto' ? { ...kind, extra: {} } : kind,
        )
        return ok({ ...body, kinds })
      },
    }),
  },
})
