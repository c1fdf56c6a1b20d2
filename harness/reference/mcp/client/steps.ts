/**
 * The reference MCP client's decisions, one replaceable step each (transports-v2/mcp.md): detect a
 * PaymentRequired in a tool result (isError only; structuredContent first, then content[0].text),
 * choose the offer, build and sign the authorization (the HTTP reference client's own steps: the same
 * scheme rules), attach the payment object to the same call, and whether to pay again. The known-bad
 * MCP clients each replace exactly one.
 */
import { type McpPaymentBinding, toolResultBinding } from '../../../transports/mcp/binding.ts'
import type { ToolCallParams, ToolResult } from '../../../transports/mcp/types.ts'
import { formatIssues } from '../../../wire/errors.ts'
import { checkPaymentRequiredV2 } from '../../../wire/messages.ts'
import type { PaymentPayload, PaymentRequired } from '../../../wire/types.ts'
import type { ChallengeReading, ClientSteps } from '../../client/index.ts'
import { defaultSteps } from '../../client/index.ts'

/** The MCP client's steps: the scheme steps of the HTTP reference client plus the MCP wire. */
export interface McpClientSteps extends Pick<ClientSteps, 'choose' | 'domain' | 'authorize' | 'payload'> {
  /** The binding it speaks. */
  binding: McpPaymentBinding
  /** Reads a tool result: a v2 PaymentRequired it may pay, or why it will not pay this result. */
  readPaymentRequired(result: ToolResult, binding: McpPaymentBinding): ChallengeReading
  /** The paid call: the same call with the payment object under the binding's key. */
  attach(params: ToolCallParams, payload: PaymentPayload, binding: McpPaymentBinding): ToolCallParams
  /** Whether to pay again after the paid call answered `result` (`payments` made so far). */
  payAgain(result: ToolResult, payments: number): boolean
}

/** The correct MCP client. */
export const referenceMcpClientSteps: McpClientSteps = {
  binding: toolResultBinding,

  readPaymentRequired(result, binding) {
    const reading = binding.readPaymentRequired(result)
    if (!reading.ok) return { ok: false, reason: reading.reason }
    const value = reading.value
    if (value.x402Version !== 2)
      return {
        ok: false,
        reason: `the PaymentRequired has x402Version ${JSON.stringify(value.x402Version)}, not 2`,
      }
    const checked = checkPaymentRequiredV2(value)
    const accepts = Array.isArray(value.accepts) ? value.accepts : []
    const usable = accepts.map(() => true)
    if (!checked.ok) {
      const envelope = checked.issues.filter((issue) => {
        const entry = /^accepts\[(\d+)\]/.exec(issue.path)
        if (entry && Number(entry[1]) < usable.length) usable[Number(entry[1])] = false
        return entry === null
      })
      if (envelope.length > 0)
        return { ok: false, reason: `the PaymentRequired is malformed: ${formatIssues(envelope)}` }
    }
    return {
      ok: true,
      challenge: { version: 2, paymentRequired: value as unknown as PaymentRequired, usable },
    }
  },

  choose: defaultSteps.choose,
  domain: defaultSteps.domain,
  authorize: defaultSteps.authorize,
  payload: defaultSteps.payload,

  attach(params, payload, binding) {
    return binding.withPayment(params, payload)
  },

  payAgain() {
    return false
  },
}
