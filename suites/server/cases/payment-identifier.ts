/**
 * payment-identifier, exactly-once (extensions/payment_identifier.md, x402-foundation 0ce3e9c): a
 * server that advertises the extension answers a resend of the same payment under the same id with the
 * response it sent (the same PAYMENT-RESPONSE) and settles it once; a different payment under that id
 * is a conflict (409), neither settled nor delivered. Servers that do not advertise it skip, saying so.
 */
import { randomBytes } from 'node:crypto'
import { check, checkEqual, show, skip } from '../../../harness/model/expect.ts'
import { getHeader, paymentResponseHeaderName } from '../../../harness/wire/headers.ts'
import type { ExtensionEntry, PaymentPayload, PaymentRequiredV2 } from '../../../harness/wire/types.ts'
import { serverCase } from '../case.ts'
import type { ServerContext, ServerResponse } from '../context.ts'
import { specOf } from '../spec.ts'
import { describeResponse, isDelivery } from '../verdicts.ts'
import { priceOf } from './shared.ts'

/** The extension's key. */
const EXTENSION = 'payment-identifier'

/**
 * The extension as the server's challenge advertises it; skips the case when it does not. A challenge
 * that failed strict reading at setup (another case judges it) is read again, leniently.
 */
async function advertised(context: ServerContext): Promise<ExtensionEntry> {
  let extensions = (context.challenge as PaymentRequiredV2 | undefined)?.extensions
  if (context.challenge === undefined) {
    const { reading } = await context.fetchChallenge({ label: 'unpaid request (the advertised extensions)' })
    const sent =
      reading.v2 === undefined ? reading.v2Body : reading.v2.ok ? reading.v2.value : reading.v2.json
    extensions = (sent as { extensions?: Record<string, ExtensionEntry> | null } | undefined)?.extensions
  }
  const entry = extensions?.[EXTENSION]
  if (entry === undefined || entry === null || typeof entry !== 'object')
    skip(
      `the server's challenge does not advertise the ${EXTENSION} extension (PaymentRequired.extensions["${EXTENSION}"]), so its idempotency cases do not apply`,
    )
  return entry
}

/** A fresh id in the extension's format (`pay_` and 32 hex digits, as the extension recommends). */
export function freshPaymentId(): string {
  return `pay_${randomBytes(16).toString('hex')}`
}

/** `payment` echoing the advertised extension with `id` appended to its info. */
function withPaymentId(payment: PaymentPayload, entry: ExtensionEntry, id: string): PaymentPayload {
  const copy = structuredClone(payment) as Extract<PaymentPayload, { x402Version: 2 }>
  copy.extensions = {
    ...(copy.extensions ?? {}),
    [EXTENSION]: { ...structuredClone(entry), info: { ...structuredClone(entry.info), id } },
  }
  return copy
}

const settlementHeader = (context: ServerContext, response: ServerResponse) =>
  getHeader(response.headers, paymentResponseHeaderName(context.version))

export const paymentIdentifierCases = [
  serverCase({
    id: 'server.payment-identifier.same-id-retry',
    title:
      'A resend of the same payment under the same payment-identifier id gets the same answer, and the payment is settled once',
    versions: [2],
    requirements: ['RS-29', 'RS-36'],
    needs: ['chain'],
    tags: ['payment-identifier'],
    async run(context) {
      const entry = await advertised(context)
      const payer = await context.payer()
      const payment = withPaymentId(await payer.pay(), entry, freshPaymentId())
      const first = await context.request({ payment, label: 'honest payment with a payment-identifier id' })
      context.expect.delivered(first)
      const again = await context.request({ payment, label: 'the same payment, same id, sent again' })
      await context.expect.exactlyOneTransfer(payer)
      checkEqual(again.status, first.status, 'the resend under the same id did not get the cached answer', {
        spec: specOf('RS-29'),
      })
      const receipt = settlementHeader(context, first)
      check(settlementHeader(context, again) === receipt, 'the resend got another settlement header', {
        expected: `the first answer's ${paymentResponseHeaderName(context.version)}: ${show(receipt)}`,
        seen: show(settlementHeader(context, again)),
        spec: specOf('RS-29'),
      })
      check(again.body === first.body, 'the resend got another body than the first answer', {
        expected: describeResponse(first),
        seen: describeResponse(again),
        spec: specOf('RS-29'),
        level: 'SHOULD',
      })
    },
  }),

  serverCase({
    id: 'server.payment-identifier.conflict',
    title:
      'A different payment under a payment-identifier id already used is a conflict (409): not settled, not delivered',
    requirements: ['RS-55', 'RS-29'],
    needs: ['chain'],
    tags: ['payment-identifier'],
    async run(context) {
      const entry = await advertised(context)
      const id = freshPaymentId()
      const payer = await context.payer()
      const first = await context.request({
        payment: withPaymentId(await payer.pay(), entry, id),
        label: 'honest payment with a payment-identifier id',
      })
      context.expect.delivered(first)
      // Another authorization (new nonce) from the same payer, under the id already used.
      const other = withPaymentId(await payer.pay(), entry, id)
      const second = await context.request({ payment: other, label: 'another payment under the same id' })
      check(!isDelivery(second), 'the server delivered a different payment under an id already used', {
        expected: 'HTTP 409 Conflict, no delivery',
        seen: describeResponse(second),
        spec: specOf('RS-55'),
      })
      // Exactly the first payment moved money: the second was neither settled nor cached as paid.
      await context.expect.exactlyOneTransfer(payer, { value: priceOf(context) })
      context.expect.status(second, [409], ['RS-55'], 'the conflict is not answered 409')
    },
  }),
]
