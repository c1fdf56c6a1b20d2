/**
 * payment-identifier as a client uses it (extensions/payment_identifier.md, x402-foundation 0ce3e9c):
 * offered the extension, a client that uses it sends an `info.id` of 16–128 characters from
 * [A-Za-z0-9_-], a new one for each new payment, and one whenever the server sets `required: true`.
 * A client that sends no id when it is optional does not use the extension: the cases skip, saying so.
 */
import { defineCase } from '../../harness/model/case.ts'
import { check, show, skip } from '../../harness/model/expect.ts'
import type { ExtensionEntry } from '../../harness/wire/types.ts'
import type { ClientCaseContext } from './context.ts'
import { expectOnePayment, payloadJson, refs } from './verdicts.ts'

const clientCase = defineCase<ClientCaseContext>

const EXTENSION = 'payment-identifier'

/** The extension's id format ("`id` Format": 16-128 characters, alphanumeric, hyphens, underscores). */
const ID_FORMAT = /^[A-Za-z0-9_-]{16,128}$/

/** The extension as a server advertises it (the schema the extension gives). */
function offered(required: boolean): Record<string, ExtensionEntry> {
  return {
    [EXTENSION]: {
      info: { required },
      schema: {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        properties: {
          required: { type: 'boolean' },
          id: { type: 'string', minLength: 16, maxLength: 128 },
        },
        required: ['required'],
      },
    },
  }
}

/** Runs the client against a fresh honest endpoint offering the extension; the id it sent, if any. */
async function paidId(context: ClientCaseContext, required: boolean, label: string): Promise<unknown> {
  const { endpoint } = context.honest([context.offer()], {
    extensions: offered(required),
    settle: false,
    label,
  })
  const run = await context.pay(endpoint, { label })
  const payload = payloadJson(expectOnePayment(run, 2))
  const entry = (payload.extensions as Record<string, { info?: { id?: unknown } }> | undefined)?.[EXTENSION]
  return entry?.info?.id
}

const NOT_USED =
  'the client sent no payment-identifier id when the server offered the extension with required: false, so it does not use the extension (its id cases do not apply)'

export const paymentIdFormat = clientCase({
  id: 'client.payment-identifier.id',
  title:
    'A client that sends a payment-identifier id sends one in the extension format, and a new one for a new payment',
  role: 'client',
  versions: [2],
  requirements: ['CL-50', 'CL-13'],
  level: 'MUST',
  tags: ['extensions', 'payment-identifier'],
  async run(context) {
    const first = await paidId(context, false, 'payment 1 (payment-identifier offered, not required)')
    if (first === undefined) skip(NOT_USED)
    check(typeof first === 'string' && ID_FORMAT.test(first), 'the payment-identifier id breaks its format', {
      expected: '16-128 characters from A-Z, a-z, 0-9, "-" and "_"',
      seen: show(first),
      spec: refs('CL-50'),
    })
    const second = await paidId(context, false, 'payment 2 (a new payment, same offer)')
    check(second !== first, 'the client sent the same payment-identifier id for a new payment', {
      expected: `a new id for the second payment (the first was ${show(first)})`,
      seen: show(second),
      spec: refs('CL-50', 'CL-13'),
    })
  },
})

export const paymentIdRequired = clientCase({
  id: 'client.payment-identifier.required',
  title: 'A client that uses payment-identifier sends an id when the server sets required: true',
  role: 'client',
  versions: [2],
  requirements: ['CL-13'],
  level: 'MUST',
  tags: ['extensions', 'payment-identifier'],
  async run(context) {
    if ((await paidId(context, false, 'payment-identifier offered, not required')) === undefined)
      skip(NOT_USED)
    const id = await paidId(context, true, 'payment-identifier offered with required: true')
    check(
      typeof id === 'string' && id !== '',
      'the client sent no payment-identifier id although the server requires one',
      {
        expected: 'extensions["payment-identifier"].info.id',
        seen: show(id),
        spec: refs('CL-13'),
      },
    )
  },
})

/** The payment-identifier cases. */
export const paymentIdentifierCases = [paymentIdFormat, paymentIdRequired] as const
