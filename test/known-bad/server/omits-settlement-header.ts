import { knownBad } from './known-bad.ts'

/** Never sends the SettlementResponse: neither on success nor on failure. */
export default knownBad({
  name: 'omits-settlement-header',
  breaks: ['RS-12', 'RS-17'],
  defect: 'sends no PAYMENT-RESPONSE / X-PAYMENT-RESPONSE header',
  versions: [1, 2],
  replace: { steps: { receipt: () => ({}) } },
  caughtBy: ['server.payment.settlement-response', 'server.failure.settle-receipt'],
})
