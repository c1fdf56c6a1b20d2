/** A settlement_pending answer names no transaction (transaction ""). */
import { knownBad } from './defect.ts'
import { pendingFirst } from './pending-first.ts'

export const pendingWithoutTransaction = knownBad({
  name: 'pending-without-transaction',
  defect: 'answers settlement_pending with transaction "" although it broadcast the payment',
  breaks: ['FA-58'],
  caughtBy: ['facilitator.settle.pending'],
  replace: {
    wrap: pendingFirst({
      rewritePending: (body) => {
        body.transaction = ''
      },
    }),
  },
})
