/**
 * Finding payments in what a client sent: under the binding's `_meta` key (the spec's place), under
 * any other `_meta` key (the pre-spec dotted `x402.payment`, the proposed `org.x402/payment`…) or in
 * the tool arguments, as an object or as a string (base64 or JSON text). A payment is anything that
 * reads as a PaymentPayload envelope: `x402Version` and `payload`.
 */
import type { McpPaymentBinding } from '../../harness/transports/mcp/binding.ts'
import type { ReceivedCall } from '../../harness/transports/mcp/paywall.ts'
import { isJsonObject } from '../../harness/transports/mcp/types.ts'
import { decodeBase64Json } from '../../harness/wire/json.ts'
import { checkPaymentPayloadV2 } from '../../harness/wire/messages.ts'
import type { ObservedPayment } from '../client/context.ts'
import type { FoundPayment } from './context.ts'

function envelope(value: unknown): boolean {
  return isJsonObject(value) && 'x402Version' in value && 'payload' in value
}

/** `value` read as a payment: the object itself, or a string holding one. */
function asPayment(value: unknown): { form: 'object' | 'string'; json: unknown } | undefined {
  if (envelope(value)) return { form: 'object', json: value }
  if (typeof value !== 'string') return undefined
  const decoded = decodeBase64Json(value)
  if (decoded.ok && envelope(decoded.value)) return { form: 'string', json: decoded.value }
  try {
    const parsed: unknown = JSON.parse(value)
    if (envelope(parsed)) return { form: 'string', json: parsed }
  } catch {
    // not JSON either
  }
  return undefined
}

/** Every payment in `call`. */
export function paymentsIn(call: ReceivedCall, binding: McpPaymentBinding): FoundPayment[] {
  const found: FoundPayment[] = []
  const scan = (place: 'meta' | 'arguments', record: unknown) => {
    if (!isJsonObject(record)) return
    for (const [key, value] of Object.entries(record)) {
      const payment = asPayment(value)
      if (payment === undefined) continue
      found.push({
        call,
        where: `${place === 'meta' ? '_meta' : 'arguments'}[${JSON.stringify(key)}]`,
        underBindingKey: place === 'meta' && key === binding.paymentKey,
        ...payment,
      })
    }
  }
  scan('meta', call.params._meta)
  scan('arguments', call.params.arguments)
  return found
}

/**
 * A payment found in an MCP call, in the shape the HTTP client suite's verdicts judge (they read the
 * payload's JSON, its arrival time and the settlement made for it), so what an MCP client signs is
 * held to exactly the same checks.
 */
export function asObservedPayment(payment: FoundPayment): ObservedPayment {
  const settlement = payment.call.settlement
  const strict = checkPaymentPayloadV2(payment.json)
  return {
    request: {
      seq: payment.call.seq,
      at: payment.call.at,
      origin: 'primary',
      method: 'tools/call',
      url: payment.where,
      headers: {},
      body: JSON.stringify(payment.call.params),
      decoded: {},
      ...(settlement?.response === undefined
        ? {}
        : {
            settlement: {
              version: 2,
              request: settlement.request,
              response: settlement.response,
              durationMs: 0,
            },
          }),
    } as unknown as ObservedPayment['request'],
    header: 'PAYMENT-SIGNATURE',
    raw: JSON.stringify(payment.json),
    receivedAt: Math.floor(payment.call.at / 1000),
    json: payment.json,
    strict: strict.ok ? { ok: true, value: strict.value } : { ok: false, issues: strict.issues },
  }
}
