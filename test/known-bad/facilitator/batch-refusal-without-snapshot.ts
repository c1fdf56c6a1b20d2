/** A batch-settlement /verify refusal comes without the channel snapshot (as @x402/evm 2.27 answers). */
import { knownBad, ok, replyBody } from './defect.ts'

export const batchRefusalWithoutSnapshot = knownBad({
  name: 'batch-refusal-without-snapshot',
  defect: 'a /verify that refuses a batch-settlement payload leaves out the channel snapshot in extra',
  breaks: ['FA-28'],
  caughtBy: ['facilitator.batch.snapshot-on-refusal'],
  replace: {
    wrap: (service) => ({
      async answer(request) {
        const reply = await service.answer(request)
        const body = replyBody(reply)
        if (request.path !== '/verify' || body?.isValid !== false || body.extra === undefined) return reply
        const { extra: _dropped, ...rest } = body
        return ok(rest)
      },
    }),
  },
})
