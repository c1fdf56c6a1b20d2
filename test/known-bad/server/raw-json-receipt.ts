import { HEADERS } from '../../../harness/wire/headers.ts'
import { knownBad } from './known-bad.ts'

/** Sends the SettlementResponse as raw JSON instead of base64. */
export default knownBad({
  name: 'raw-json-receipt',
  breaks: ['X-7', 'RS-12'],
  defect: 'puts raw JSON in the settlement header instead of base64',
  versions: [1, 2],
  replace: {
    steps: {
      receipt: (context, settlement) => ({
        [HEADERS[context.config.version].paymentResponse.toLowerCase()]: JSON.stringify(settlement),
      }),
    },
  },
  caughtBy: ['server.payment.settlement-response'],
})
