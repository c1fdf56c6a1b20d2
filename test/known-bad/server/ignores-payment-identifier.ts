import { knownBad } from './known-bad.ts'

/** Advertises payment-identifier but processes every request afresh, so a resend is refused. */
export default knownBad({
  name: 'ignores-payment-identifier',
  breaks: ['RS-29'],
  defect:
    'advertises payment-identifier but never looks the id up: a resend of a paid request is processed again (and refused as a replay) instead of getting its response back',
  versions: [2],
  replace: { steps: { idempotency: (_context, _payload, process) => process() } },
  caughtBy: ['server.payment-identifier.same-id-retry'],
})
