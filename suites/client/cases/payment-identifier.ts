/**
 * payment-identifier as a client uses it (extensions/payment_identifier.md, x402-foundation 0ce3e9c):
 * offered the extension, a client that uses it sends an `info.id` of 16–128 characters from
 * [A-Za-z0-9_-], a new one for each new payment, and one whenever the server sets `required: true`.
 * A client that sends no id when it is optional does not use the extension: the cases skip, saying so.
 */
import {
  answerPayment,
  challengeReply,
  type PaywallReply,
  paymentsOf,
} from '../../../harness/actors/paywall/index.ts'
import { check, show, skip } from '../../../harness/model/expect.ts'
import { safeDecodeHeader } from '../../../harness/wire/index.ts'
import type { ExtensionEntry } from '../../../harness/wire/types.ts'
import { clientCase } from '../case.ts'
import type { ClientCaseContext } from '../context.ts'
import { describeRun, expectOnePayment, payloadJson, refs } from '../verdicts/index.ts'

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

/** The id in a decoded v2 payload's payment-identifier extension, if any. */
function idIn(payload: unknown): unknown {
  const extensions = (payload as { extensions?: Record<string, { info?: { id?: unknown } }> } | null)
    ?.extensions
  return extensions?.[EXTENSION]?.info?.id
}

/** 409 of a payment-identifier server for a second payment under a used id. */
const CONFLICT: PaywallReply = {
  status: 409,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ error: 'payment_identifier_conflict' }),
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
  requirements: ['CL-48', 'CL-13'],
  tags: ['extensions', 'payment-identifier'],
  async run(context) {
    const first = await paidId(context, false, 'payment 1 (payment-identifier offered, not required)')
    if (first === undefined) skip(NOT_USED)
    check(typeof first === 'string' && ID_FORMAT.test(first), 'the payment-identifier id breaks its format', {
      expected: '16-128 characters from A-Z, a-z, 0-9, "-" and "_"',
      seen: show(first),
      spec: refs('CL-48'),
    })
    const second = await paidId(context, false, 'payment 2 (a new payment, same offer)')
    check(second !== first, 'the client sent the same payment-identifier id for a new payment', {
      expected: `a new id for the second payment (the first was ${show(first)})`,
      seen: show(second),
      spec: refs('CL-48', 'CL-13'),
    })
  },
})

export const paymentIdRequired = clientCase({
  id: 'client.payment-identifier.required',
  title: 'A client that uses payment-identifier sends an id when the server sets required: true',
  requirements: ['CL-13'],
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

export const retrySameId = clientCase({
  id: 'client.payment-identifier.retry-same-id',
  title:
    'When the answer to its paid request is lost, a client that retries resends under the same payment-identifier id, and pays once',
  requirements: ['CL-13'],
  needs: ['chain'],
  tags: ['extensions', 'payment-identifier'],
  async run(context) {
    const offer = context.offer()
    // A payment-identifier server whose first answer is lost: it settles the first payment and drops
    // the connection; the identical payment again gets the answer it kept; another payment under the
    // same id is a conflict (409), under a new id a new payment.
    let first: { raw: string; id: unknown; reply: PaywallReply } | undefined
    const endpoint = context.endpoint(({ url }) => {
      const paymentRequired = context.challenge(url, [offer], { extensions: offered(false) })
      return async (request, state) => {
        const carried = paymentsOf(request).find((payment) => payment.header === 'PAYMENT-SIGNATURE')
        if (carried === undefined) return challengeReply(paymentRequired)
        const decoded = safeDecodeHeader('PAYMENT-SIGNATURE', carried.raw)
        const id = decoded.ok ? idIn(decoded.value) : undefined
        if (first === undefined) {
          first = {
            raw: carried.raw,
            id,
            reply: await answerPayment(2, carried.raw, paymentRequired, true, state),
          }
          return { status: 0, drop: true }
        }
        if (carried.raw === first.raw) return first.reply
        if (id !== undefined && id === first.id) return CONFLICT
        return answerPayment(2, carried.raw, paymentRequired, true, state)
      }
    })
    const run = await context.pay(endpoint, { label: 'the answer to the paid request is lost once' })
    const paid = run.payments.filter((payment) => payment.header === 'PAYMENT-SIGNATURE')
    check(paid.length > 0, 'the client did not pay an honest challenge it supports', {
      expected: 'a paid request carrying PAYMENT-SIGNATURE',
      seen: describeRun(run),
      spec: refs('CL-1'),
    })
    const ids = paid.map((payment) => idIn(payment.json))
    if (ids[0] === undefined) skip(NOT_USED)
    if (paid.length === 1)
      skip(
        'the client did not retry after the answer to its paid request was lost (the connection closed after the payment settled), so there is no retry to judge',
      )
    check(
      ids.every((id) => id === ids[0]),
      'the client retried the lost payment under another payment-identifier id',
      {
        expected: `every retry under the first id ${show(ids[0])}`,
        seen: `ids sent: ${show(ids)}`,
        spec: refs('CL-13'),
      },
    )
    if (run.payer !== undefined) {
      const transfers = await context.chain.transfers({ from: run.payer.address })
      check(transfers.length <= 1, 'the retry paid a second time', {
        expected: 'one transfer for one resource',
        seen: `${transfers.length} transfers from the payer`,
        spec: refs('CL-13'),
      })
    }
    check(
      paid.every((payment) => payment.raw === paid[0]!.raw),
      'the retry is not the identical payment',
      {
        expected: 'the identical PaymentPayload, resent ("Recovering a Lost Response")',
        seen: `${paid.length} different payment headers`,
        spec: refs('CL-13'),
        level: 'SHOULD',
      },
    )
  },
})

/** The payment-identifier cases. */
export const paymentIdentifierCases = [paymentIdFormat, paymentIdRequired, retrySameId] as const
