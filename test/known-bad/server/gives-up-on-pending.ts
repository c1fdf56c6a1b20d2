import { knownBad } from './known-bad.ts'

/** Settles once: a settlement_pending answer is refused at once instead of reconciled. */
export default knownBad({
  name: 'gives-up-on-pending',
  breaks: ['RS-50'],
  defect: 'never settles a payment again after settlement_pending, so a payment that confirms is refused',
  versions: [1, 2],
  replace: { steps: { settle: (context, request) => context.facilitator.settle(request) } },
  caughtBy: ['server.failure.settle-pending-retry'],
})
