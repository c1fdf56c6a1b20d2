import { knownBad } from './known-bad.ts'

/** Takes settlement_pending for a settlement: delivers while the facilitator says the settle is not over. */
export default knownBad({
  name: 'delivers-on-pending',
  breaks: ['RS-49'],
  defect: 'treats a settlement_pending answer (success false, with a transaction) as settled and delivers',
  versions: [1, 2],
  replace: {
    steps: {
      settled: (_context, settlement) =>
        settlement.success === true || settlement.errorReason === 'settlement_pending',
    },
  },
  caughtBy: ['server.failure.settle-pending'],
})
