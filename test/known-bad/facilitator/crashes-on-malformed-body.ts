/** A /verify or /settle body that is not a JSON envelope drops the connection instead of a 400. */
import { envelopeOf, knownBad } from './defect.ts'

export const crashesOnMalformedBody = knownBad({
  name: 'crashes-on-malformed-body',
  defect: 'a malformed /verify or /settle body makes the facilitator drop the connection',
  breaks: ['FA-42'],
  caughtBy: ['facilitator.verify.malformed-body', 'facilitator.settle.malformed-body'],
  replace: {
    wrap: (service) => ({
      answer(request) {
        const posted = request.path === '/verify' || request.path === '/settle'
        if (posted && envelopeOf(request) === undefined) return Promise.resolve({ kind: 'drop' })
        return service.answer(request)
      },
    }),
  },
})
