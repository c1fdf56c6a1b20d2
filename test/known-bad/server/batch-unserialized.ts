import { knownBad } from './known-bad.ts'

/** Judges the requests of one batch-settlement channel concurrently, without a per-channel lock. */
export default knownBad({
  name: 'batch-unserialized',
  breaks: ['RS-31'],
  defect:
    'checks each voucher against chargedCumulativeAmount without serialising the channel, so copies sent at once all pass',
  versions: [2],
  replace: {
    batchSteps: { serialise: (_ledger, _channelId, work) => work() },
  },
  caughtBy: ['server.batch.concurrent'],
})
