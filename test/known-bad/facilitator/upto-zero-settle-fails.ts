/** upto: a zero settlement is refused (as if settlement always needed a transfer). */
import { envelopeOf, knownBad, ok } from './defect.ts'

export const uptoZeroSettleFails = knownBad({
  name: 'upto-zero-settle-fails',
  defect: 'a zero upto settlement is answered success false instead of success with no transaction',
  breaks: ['FA-63'],
  caughtBy: ['facilitator.upto.zero-settle'],
  replace: {
    wrap: (service) => ({
      answer(request) {
        const envelope = request.path === '/settle' ? envelopeOf(request) : undefined
        if (envelope?.paymentRequirements.scheme === 'upto' && envelope.paymentRequirements.amount === '0') {
          return Promise.resolve(
            ok({
              success: false,
              errorReason: 'permit2_invalid_amount',
              transaction: '',
              network: envelope.paymentRequirements.network,
            }),
          )
        }
        return service.answer(request)
      },
    }),
  },
})
