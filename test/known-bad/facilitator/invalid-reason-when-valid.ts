/** A valid VerifyResponse still carries invalidReason. */
import { knownBad, ok, replyBody } from './defect.ts'

export const invalidReasonWhenValid = knownBad({
  name: 'invalid-reason-when-valid',
  defect: 'a VerifyResponse with isValid true carries invalidReason ("omitted if valid")',
  breaks: ['FA-3'],
  caughtBy: ['facilitator.verify.valid'],
  replace: {
    wrap: (service) => ({
      async answer(request) {
        const reply = await service.answer(request)
        const body = replyBody(reply)
        if (request.path !== '/verify' || body?.isValid !== true) return reply
        return ok({ ...body, invalidReason: '' })
      },
    }),
  },
})
