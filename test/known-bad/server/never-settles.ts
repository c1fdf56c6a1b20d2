import { knownBad } from './known-bad.ts'

/** Verifies and delivers, but never settles: it reports a made-up settlement. */
export default knownBad({
  name: 'never-settles',
  breaks: ['RS-18', 'RS-36'],
  defect: 'never calls /settle; it delivers after verify with an invented transaction hash',
  versions: [1, 2],
  replace: {
    steps: {
      async settle(context, request) {
        return {
          ok: true,
          response: {
            success: true,
            transaction: `0x${'ab'.repeat(32)}`,
            network: context.config.version === 1 ? context.config.networkV1 : context.config.network,
            payer:
              (request.paymentPayload.payload as { authorization?: { from?: string } }).authorization?.from ??
              '',
          },
        }
      },
    },
  },
  caughtBy: ['server.payment.honest', 'server.payment.settlement-response', 'server.replay.sequential'],
})
