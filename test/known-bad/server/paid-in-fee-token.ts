import { FEE_TOKEN } from '../../../harness/devnet/fee-token-info.ts'
import { Reason } from '../../../harness/facilitator/index.ts'
import { knownBad } from './known-bad.ts'

/**
 * A server/facilitator pair that calls a mined transaction a payment: the server sells in the devnet's
 * fee-on-transfer token, and its facilitator judges a settlement by `receipt.status`. The server then
 * delivers with a successful PAYMENT-RESPONSE while payTo received the price less the token's fee. Only
 * an oracle that reads the asset's Transfer events (not the receipt's status) sees it.
 * The pair's facilitator is not the suite's, which the suite cannot tell from the environment: in the
 * full score card (X402_KNOWN_BAD_FULL=1) the cases that read the suite's facilitator log or inject its
 * faults trip on it too; the cases listed here judge by the chain alone.
 */
export default knownBad({
  name: 'paid-in-fee-token',
  breaks: ['RS-36'],
  defect:
    'sells in a fee-on-transfer token through a facilitator that trusts receipt.status, so it delivers "paid" while payTo receives amount - fee',
  versions: [1, 2],
  replace: { overrides: { asset: FEE_TOKEN.address, eip712: { ...FEE_TOKEN.eip712 } } },
  facilitator: {
    settlementCheck: (receipt) => (receipt.status === 'success' ? undefined : Reason.transaction),
  },
  caughtBy: ['server.payment.honest', 'server.payment.settlement-response'],
})
