import { knownBad } from './known-bad.ts'

/** Reports a charge in the response to a refund. */
export default knownBad({
  name: 'batch-charges-refund',
  breaks: ['RS-46'],
  defect: 'puts extra.chargedAmount in a refund response, as if the refund were a paid request',
  versions: [2],
  replace: {
    batchSteps: {
      refundExtra: (channelState, price) => ({ channelState, chargedAmount: price.toString() }),
    },
  },
  caughtBy: ['server.batch.refund'],
})
