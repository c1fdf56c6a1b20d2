/** GET /supported does not exist (404): the facilitator cannot say what it settles. */
import { knownBad } from './defect.ts'

export const noSupportedEndpoint = knownBad({
  name: 'no-supported-endpoint',
  defect: 'GET /supported answers 404',
  breaks: ['FA-1'],
  caughtBy: ['facilitator.supported.shape'],
  replace: {
    wrap: (service) => ({
      answer(request) {
        if (request.path === '/supported')
          return Promise.resolve({ kind: 'json', status: 404, body: { error: 'not found' } })
        return service.answer(request)
      },
    }),
  },
})
