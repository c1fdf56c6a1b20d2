/**
 * One call of the paid tool, in the spec's order (transports-v2/mcp.md "Payment Flow Overview"): no
 * payment → PaymentRequired; a payment that is malformed, matches no offer or fails verification →
 * PaymentRequired with the reason; otherwise run the tool, settle unless the handler failed, and
 * return the tool's content with the receipt only when the settlement succeeded.
 */

import type { ToolCallParams, ToolResult } from '../../../transports/mcp/types.ts'
import type { FacilitatorRequest, PaymentRequirementsV2 } from '../../../wire/types.ts'
import type { McpServerSteps, McpStepContext } from './steps.ts'

const PAYMENT_REQUIRED = 'Payment required to access this resource'

export async function handlePaidToolCall(
  context: McpStepContext,
  steps: McpServerSteps,
  params: ToolCallParams,
): Promise<ToolResult> {
  const offers = steps.offers(context)
  const ask = (error: string, offered: PaymentRequirementsV2[] = offers) =>
    steps.challenge(context, steps.paymentRequired(context, offered, error), params)

  const raw = steps.readPayment(context, params)
  if (raw === undefined) return ask(PAYMENT_REQUIRED)
  const decoded = steps.decode(context, raw)
  if (!decoded.ok) return ask(`invalid_payload: ${decoded.error}`)
  const requirements = steps.match(context, decoded.payload, offers)
  if (requirements === undefined) return ask('No matching payment requirements found')

  const request: FacilitatorRequest = {
    x402Version: 2,
    paymentPayload: decoded.payload,
    paymentRequirements: requirements,
  }
  const verification = await steps.verify(context, request)
  if (!steps.verified(context, verification))
    return ask(
      verification.ok
        ? (verification.response.invalidReason ?? 'invalid_payment')
        : `Payment verification failed: ${verification.error}`,
    )

  let result: ToolResult
  try {
    result = await steps.execute(context, params)
  } catch (error) {
    // A handler that throws is not paid for: its error is the answer, nothing is settled.
    return { isError: true, content: [{ type: 'text', text: `tool failed: ${describe(error)}` }] }
  }
  if (!steps.settleFor(context, result)) return result

  const settlement = await steps.settle(context, request)
  if (!steps.settled(context, settlement))
    return ask(
      `Payment settlement failed: ${settlement.ok ? (settlement.response.errorReason ?? 'unsuccessful') : settlement.error}`,
    )
  if (!settlement.ok) return ask('Payment settlement failed')
  return steps.receipt(context, result, settlement.response)
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
