import { FLOW_ORDERINGS } from '../../../harness/reference/server/index.ts'
import { knownBad } from './known-bad.ts'

/** Runs the upfront ordering (settle → resource) behind an offer that declares no payment flow. */
export default knownBad({
  name: 'settles-first-undeclared',
  breaks: ['RS-52'],
  defect:
    'settles before producing the resource (no /verify) while its offer declares no extra.paymentFlow, so clients take it for authorization',
  versions: [2],
  replace: { steps: { ordering: () => FLOW_ORDERINGS.upfront } },
  caughtBy: ['server.flow.declared'],
})
