/** /verify of a valid payment also settles it (verify must move no funds). */
import { knownBad, replyBody } from './defect.ts'

export const settlesOnVerify = knownBad({
  name: 'settles-on-verify',
  defect: '/verify of a valid payment executes the transfer',
  breaks: ['FA-55'],
  caughtBy: ['facilitator.verify.valid'],
  replace: {
    wrap: (service) => ({
      async answer(request) {
        const reply = await service.answer(request)
        if (request.path === '/verify' && replyBody(reply)?.isValid === true) {
          await service.answer({ ...request, path: '/settle' })
        }
        return reply
      },
    }),
  },
})
