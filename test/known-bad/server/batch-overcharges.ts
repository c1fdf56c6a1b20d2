import { knownBad } from './known-bad.ts'

/** Charges one atomic unit above the requirement's amount on every batch-settlement request. */
export default knownBad({
  name: 'batch-overcharges',
  breaks: ['RS-45'],
  defect: 'charges amount + 1 per request (above the per-request ceiling the client authorised)',
  versions: [2],
  replace: {
    batchSteps: { charge: (price) => price + 1n },
  },
  caughtBy: ['server.batch.deposit', 'server.batch.voucher', 'server.property.batch-cumulative'],
})
