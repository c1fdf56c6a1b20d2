import type { Reply } from '../../../harness/reference/server/index.ts'
import { paymentIdOf } from '../../../harness/reference/server/index.ts'
import { knownBad } from './known-bad.ts'

/** Keys its cache by the id alone: any payload under a known id gets the first answer. */
function idOnly() {
  const answers = new Map<string, Promise<Reply>>()
  return knownBad({
    name: 'payment-identifier-id-only',
    breaks: ['RS-55'],
    defect:
      'binds a payment-identifier id to nothing but itself: another payment under a used id gets the cached paid answer (no 409)',
    versions: [2],
    replace: {
      steps: {
        idempotency(_context, payload, process) {
          const id = paymentIdOf(payload)
          if (id === undefined || id === 'invalid') return process()
          const known = answers.get(id)
          if (known) return known
          const reply = process()
          answers.set(id, reply)
          return reply
        },
      },
    },
    caughtBy: ['server.payment-identifier.conflict'],
  })
}

export default idOnly()
