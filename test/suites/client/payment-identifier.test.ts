/**
 * payment-identifier in the client suite: the reference client (it sends a fresh id whenever offered)
 * passes the cases; a client that sends no id skips them, saying why; the known-bad clients (one fixed
 * id, a short id, no id when required) are caught.
 */
import { clientCases } from '../../../suites/client/index.ts'
import { describeClientCaseGroup } from './case-group.ts'

describeClientCaseGroup({
  title: 'payment-identifier cases of the client suite',
  seed: 15,
  caseIds: clientCases.filter((c) => c.id.startsWith('client.payment-identifier.')).map((c) => c.id),
  count: 3,
  skippedBy: {
    title: 'a client that sends no id skips them, saying it does not use the extension',
    steps: { paymentId: () => undefined },
    label: 'no ids',
    message: /does not use the extension/,
  },
  knownBads: ['same-payment-id', 'short-payment-id', 'payment-id-only-when-optional', 'retry-new-payment-id'],
})
