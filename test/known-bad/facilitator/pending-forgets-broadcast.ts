/**
 * After answering settlement_pending, a repeated settle of the same payload is handled as a new
 * settlement (re-verified, broadcast again where it can be) instead of reconciled to the transaction
 * already broadcast: the payment confirmed, yet the repeat answers a failure.
 */
import { knownBad } from './defect.ts'
import { pendingFirst } from './pending-first.ts'

export const pendingForgetsBroadcast = knownBad({
  name: 'pending-forgets-broadcast',
  defect: 'does not reconcile a repeated settle to the transaction it answered as settlement_pending',
  breaks: ['FA-59'],
  caughtBy: ['facilitator.settle.pending'],
  replace: {
    wrap: pendingFirst({ relabelOnly: true }),
  },
})
