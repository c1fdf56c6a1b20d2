/**
 * Payment flows (core v2 §6.1) in the client suite: the reference client passes the flow cases (it
 * refuses an unknown paymentFlow and prefers authorization), and the known-bad clients that pay an
 * unknown flow or prefer upfront are caught by the outcomes they list.
 */
import { clientCases } from '../../../suites/client/index.ts'
import { describeClientCaseGroup } from './case-group.ts'

describeClientCaseGroup({
  title: 'payment-flow cases of the client suite',
  seed: 14,
  caseIds: clientCases.filter((c) => c.id.startsWith('client.flow.')).map((c) => c.id),
  count: 3,
  knownBads: ['pays-unknown-flow', 'prefers-upfront'],
})
