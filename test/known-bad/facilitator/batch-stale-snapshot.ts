/** batch-settlement: /verify reports a channel snapshot that is not the chain's. */
import { knownBad, ok, replyBody } from './defect.ts'

export const batchStaleSnapshot = knownBad({
  name: 'batch-stale-snapshot',
  defect: 'a batch-settlement /verify answer reports the channel with totalClaimed one above the chain',
  breaks: ['FA-28'],
  caughtBy: ['facilitator.batch.voucher-valid'],
  replace: {
    wrap: (service) => ({
      async answer(request) {
        const reply = await service.answer(request)
        const body = replyBody(reply)
        const extra = body?.extra as Record<string, unknown> | undefined
        if (request.path !== '/verify' || body?.isValid !== true || typeof extra?.totalClaimed !== 'string')
          return reply
        return ok({ ...body, extra: { ...extra, totalClaimed: `${BigInt(extra.totalClaimed) + 1n}` } })
      },
    }),
  },
})
