/**
 * What a refusal says (transports-v1/http.md "Error Handling": the error response format): after a
 * payment fails, a v1 server answers with a PaymentRequirementsResponse body again, so the client can
 * read why and pay anew.
 */
import { check } from '../../../harness/model/expect.ts'
import { formatIssues } from '../../../harness/wire/errors.ts'
import { parseJsonText } from '../../../harness/wire/json.ts'
import { checkPaymentRequiredV1 } from '../../../harness/wire/messages.ts'
import { serverCase } from '../case.ts'
import { specOf } from '../spec.ts'
import { expectRefused, priceOf } from './shared.ts'

export const refusalCases = [
  serverCase({
    id: 'server.refusal.v1-error-body',
    title: 'A v1 refusal of a payment carries {x402Version, error, accepts} so the client can pay again',
    versions: [1],
    requirements: ['RS-41', 'RS-15'],
    needs: ['chain'],
    async run(context) {
      const payer = await context.payer()
      const payment = await payer.pay({ authorization: { value: priceOf(context) - 1n } })
      const response = await context.request({ payment, label: 'underpayment' })
      await expectRefused(context, payer, response)
      const spec = specOf('RS-41')
      const json = parseJsonText(response.body)
      check(json.ok, 'the refusal body is not JSON', {
        expected: 'a PaymentRequirementsResponse',
        seen: response.body,
        spec,
      })
      const body = checkPaymentRequiredV1(json.value)
      if (!body.ok) {
        check(false, 'the refusal body is not a v1 PaymentRequirementsResponse', {
          expected: '{x402Version: 1, error, accepts: [PaymentRequirements…]}',
          seen: formatIssues(body.issues),
          spec,
        })
      }
      check(body.value.error.trim() !== '', 'the refusal body does not say why (empty error)', { spec })
    },
  }),
]
