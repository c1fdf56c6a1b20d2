import { knownBad } from './known-bad.ts'
import { networkOf, postRaw } from './lax-facilitator.ts'

/** Reads the settle answer by its status: any HTTP 200 is a settlement, whatever the body says. */
export default knownBad({
  name: 'settled-on-http-200',
  breaks: ['RS-48', 'RS-18', 'RS-37'],
  defect:
    'treats an HTTP 200 from /settle as settled (success false, or no success at all), so a failed or duplicate settlement still delivers',
  versions: [1, 2],
  replace: {
    steps: {
      async settle(context, request) {
        const answer = await postRaw(context, '/settle', request)
        if (answer?.status !== 200 || answer.body === undefined)
          return { ok: false, error: `facilitator /settle answered ${answer?.status ?? 'nothing'}` }
        const transaction = answer.body.transaction
        return {
          ok: true,
          response: {
            success: true,
            transaction: typeof transaction === 'string' && transaction !== '' ? transaction : 'settled',
            network: networkOf(context),
            payer: String(answer.body.payer ?? ''),
          },
        }
      },
    },
  },
  caughtBy: [
    'server.failure.settle-unsuccessful-200',
    'server.failure.settle-success-missing',
    'server.failure.settle-rejected',
    'server.replay.concurrent-slow-settle',
  ],
})
