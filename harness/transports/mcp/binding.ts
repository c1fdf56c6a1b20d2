/**
 * Where x402 rides on MCP: a binding names the keys and shapes of the three x402 messages in MCP
 * messages. `toolResultBinding` is the one of transports-v2/mcp.md (foundation main 92f06b5): the
 * PaymentRequired as an `isError` tool result (`structuredContent` and the same JSON in
 * `content[0].text`), the PaymentPayload as an object in `params._meta["x402/payment"]`, the
 * SettleResponse in `result._meta["x402/payment-response"]`. The open extension binding (PR #3106,
 * `resultType: "payment_required"`) would be a second `McpPaymentBinding` beside it; nothing else in
 * the harness names a key.
 */
import { isJsonObject, type JsonObject, type ToolCallParams, type ToolResult } from './types.ts'

/** How a PaymentRequired was found in a tool result, or why none was. */
export type PaymentRequiredReading =
  | { ok: true; value: JsonObject; from: 'structuredContent' | 'content[0].text' }
  | { ok: false; reason: string }

/** One way of carrying x402 in MCP messages. */
export interface McpPaymentBinding {
  /** Short permanent name (reports, evidence). */
  readonly name: string
  /** `_meta` key of the payment in a request. */
  readonly paymentKey: string
  /** `_meta` key of the settlement response in a result. */
  readonly paymentResponseKey: string
  /** The tool result that asks for payment (server side). */
  paymentRequiredResult(paymentRequired: JsonObject): ToolResult
  /** The PaymentRequired a tool result asks for, as a client detects it. */
  readPaymentRequired(result: ToolResult): PaymentRequiredReading
  /** `params` with `payment` attached (client side); the rest of `params` is kept as is. */
  withPayment(params: ToolCallParams, payment: unknown): ToolCallParams
  /** What `params` carries under the payment key (anything, as sent), or undefined. */
  readPayment(params: ToolCallParams): unknown
  /** `result` with the settlement response attached; its `_meta` is replaced, as the spec shows it. */
  withReceipt(result: ToolResult, settlement: unknown): ToolResult
  /** What `result` carries under the settlement response key, or undefined. */
  readReceipt(result: ToolResult): unknown
}

/** The keys of transports-v2/mcp.md. */
export const PAYMENT_META_KEY = 'x402/payment'
export const PAYMENT_RESPONSE_META_KEY = 'x402/payment-response'

/** The pre-spec dotted keys of early packages (`x402-mcp` 0.0.x): not the spec's wire. */
export const LEGACY_PAYMENT_META_KEY = 'x402.payment'
export const LEGACY_PAYMENT_RESPONSE_META_KEY = 'x402.payment-response'

/** Whether `value` looks like a PaymentRequired: the spec's test is `x402Version` and `accepts`. */
function looksLikePaymentRequired(value: unknown): value is JsonObject {
  return isJsonObject(value) && 'x402Version' in value && 'accepts' in value
}

/** The binding of transports-v2/mcp.md: tool results and `_meta["x402/…"]`. */
export const toolResultBinding: McpPaymentBinding = Object.freeze({
  name: 'tool-result',
  paymentKey: PAYMENT_META_KEY,
  paymentResponseKey: PAYMENT_RESPONSE_META_KEY,

  paymentRequiredResult(paymentRequired: JsonObject): ToolResult {
    return {
      isError: true,
      structuredContent: paymentRequired,
      content: [{ type: 'text', text: JSON.stringify(paymentRequired) }],
    }
  },

  readPaymentRequired(result: ToolResult): PaymentRequiredReading {
    // Only an error result asks for payment; a completed result is the tool's own answer.
    if (result.isError !== true)
      return { ok: false, reason: 'the tool result is not an error (isError is not true)' }
    if (looksLikePaymentRequired(result.structuredContent))
      return { ok: true, value: result.structuredContent, from: 'structuredContent' }
    const first = Array.isArray(result.content) ? result.content[0] : undefined
    if (first?.type !== 'text' || typeof first.text !== 'string')
      return { ok: false, reason: 'no structuredContent PaymentRequired and content[0] is not text' }
    try {
      const parsed: unknown = JSON.parse(first.text)
      if (looksLikePaymentRequired(parsed)) return { ok: true, value: parsed, from: 'content[0].text' }
    } catch {
      // not JSON: an ordinary tool error
    }
    return { ok: false, reason: 'neither structuredContent nor content[0].text is a PaymentRequired' }
  },

  withPayment(params: ToolCallParams, payment: unknown): ToolCallParams {
    return { ...params, _meta: { ...params._meta, [PAYMENT_META_KEY]: payment } }
  },

  readPayment(params: ToolCallParams): unknown {
    return isJsonObject(params._meta) ? params._meta[PAYMENT_META_KEY] : undefined
  },

  withReceipt(result: ToolResult, settlement: unknown): ToolResult {
    return { ...result, _meta: { [PAYMENT_RESPONSE_META_KEY]: settlement } }
  },

  readReceipt(result: ToolResult): unknown {
    return isJsonObject(result._meta) ? result._meta[PAYMENT_RESPONSE_META_KEY] : undefined
  },
})
