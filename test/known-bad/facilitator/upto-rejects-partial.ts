/** upto: settle compares the settle-time amount with permitted.amount strictly (CDP's bug, x402 #2437). */
import { envelopeOf, isRecord, knownBad, ok, uint } from './defect.ts'

export const uptoRejectsPartial = knownBad({
  name: 'upto-rejects-partial',
  defect: 'an upto settlement for less than the signed maximum is refused as an amount mismatch',
  breaks: ['FA-57'],
  caughtBy: ['facilitator.upto.partial-settle'],
  replace: {
    wrap: (service) => ({
      answer(request) {
        const envelope = request.path === '/settle' ? envelopeOf(request) : undefined
        const payload = envelope?.paymentPayload.payload as unknown
        const permit = isRecord(payload) ? payload.permit2Authorization : undefined
        const permitted =
          isRecord(permit) && isRecord(permit.permitted) ? uint(permit.permitted.amount) : undefined
        const amount = uint(envelope?.paymentRequirements.amount)
        if (
          envelope?.paymentRequirements.scheme === 'upto' &&
          permitted !== undefined &&
          amount !== permitted
        ) {
          return Promise.resolve(
            ok({
              success: false,
              errorReason: 'permit2_amount_mismatch',
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
