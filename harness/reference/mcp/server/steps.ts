/**
 * The reference MCP server's paid `tools/call` as named steps (transports-v2/mcp.md): advertise,
 * ask for payment (a tool result), read and decode `_meta["x402/payment"]`, match it to an offer,
 * verify, run the tool, decide whether to settle, settle, decide whether the settlement allows
 * delivery, attach the receipt. `./flow.ts` runs them in that order; each step here is correct. A
 * known-bad server replaces exactly one (`{ ...referenceMcpSteps, match: … }`).
 */

import type { McpPaymentBinding } from '../../../transports/mcp/binding.ts'
import type { JsonObject, ToolCallParams, ToolResult } from '../../../transports/mcp/types.ts'
import { formatIssues } from '../../../wire/errors.ts'
import { checkPaymentPayloadV2 } from '../../../wire/messages.ts'
import type {
  FacilitatorRequest,
  PaymentPayloadV2,
  PaymentRequiredV2,
  PaymentRequirementsV2,
  SettlementResponse,
  VerifyResponse,
} from '../../../wire/types.ts'
import type { FacilitatorClient, FacilitatorOutcome, ReferenceServerConfig } from '../../server/index.ts'
import { acceptedMatches } from '../../server/index.ts'
import { weatherReport } from './tools.ts'

/** What every step may read. */
export interface McpStepContext {
  config: ReferenceServerConfig
  facilitator: FacilitatorClient
  binding: McpPaymentBinding
  /** The paid tool's resource URL (`mcp://tool/<name>`, as the spec's example). */
  resourceUrl: string
  /** Counts the paid tool's handler runs (the suite reads it through `conformance_executions`). */
  executions: { count: number }
}

/** The payment decoded, or why it is malformed. */
export type DecodedMcpPayment = { ok: true; payload: PaymentPayloadV2 } | { ok: false; error: string }

/** The steps of a paid tool call, in the order `./flow.ts` calls them. */
export interface McpServerSteps {
  offers(context: McpStepContext): PaymentRequirementsV2[]
  /** The PaymentRequired for `offers`, `error` saying why payment is (still) required. */
  paymentRequired(context: McpStepContext, offers: PaymentRequirementsV2[], error: string): PaymentRequiredV2
  /** The tool result that asks for payment (the binding's `isError` result). */
  challenge(
    context: McpStepContext,
    paymentRequired: PaymentRequiredV2,
    params: ToolCallParams,
  ): Promise<ToolResult>
  /** What the call carries as payment (anything, as sent), or undefined. */
  readPayment(context: McpStepContext, params: ToolCallParams): unknown
  /** Strict: a PaymentPayload object of v2 (a string, base64 or not, is not one). */
  decode(context: McpStepContext, raw: unknown): DecodedMcpPayment
  /** The advertised requirement the payment is for, or undefined (never values copied from the client). */
  match(
    context: McpStepContext,
    payload: PaymentPayloadV2,
    offers: PaymentRequirementsV2[],
  ): PaymentRequirementsV2 | undefined
  verify(context: McpStepContext, request: FacilitatorRequest): Promise<FacilitatorOutcome<VerifyResponse>>
  /** Whether the verification allows running the tool. */
  verified(context: McpStepContext, outcome: FacilitatorOutcome<VerifyResponse>): boolean
  /** Runs the paid tool. */
  execute(context: McpStepContext, params: ToolCallParams): Promise<ToolResult>
  /** Whether the tool's result is to be paid for: a handler error is not settled. */
  settleFor(context: McpStepContext, result: ToolResult): boolean
  settle(
    context: McpStepContext,
    request: FacilitatorRequest,
  ): Promise<FacilitatorOutcome<SettlementResponse>>
  /** Whether a settlement allows delivery: success, with a transaction to show for it. */
  settled(context: McpStepContext, settlement: FacilitatorOutcome<SettlementResponse>): boolean
  /** The tool result with the SettleResponse object in `_meta["x402/payment-response"]`. */
  receipt(context: McpStepContext, result: ToolResult, settlement: SettlementResponse): ToolResult
}

/** The correct behaviour of every step. */
export const referenceMcpSteps: McpServerSteps = {
  offers({ config }) {
    return [
      {
        scheme: 'exact',
        network: config.network,
        amount: config.price,
        asset: config.asset,
        payTo: config.payTo,
        maxTimeoutSeconds: config.maxTimeoutSeconds,
        extra: { name: config.eip712.name, version: config.eip712.version },
      },
    ]
  },

  paymentRequired({ config, resourceUrl }, offers, error) {
    return {
      x402Version: 2,
      error,
      resource: { url: resourceUrl, description: config.description, mimeType: config.mimeType },
      accepts: offers,
    }
  },

  async challenge({ binding }, paymentRequired) {
    return binding.paymentRequiredResult(paymentRequired as unknown as JsonObject)
  },

  readPayment({ binding }, params) {
    return binding.readPayment(params)
  },

  decode(_context, raw) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      return {
        ok: false,
        error: `the payment is ${Array.isArray(raw) ? 'an array' : typeof raw}, not a PaymentPayload object`,
      }
    const checked = checkPaymentPayloadV2(raw)
    return checked.ok
      ? { ok: true, payload: checked.value }
      : { ok: false, error: formatIssues(checked.issues) }
  },

  match(_context, payload, offers) {
    if (payload.x402Version !== 2) return undefined
    return offers.find((offer) => acceptedMatches(payload.accepted, offer))
  },

  verify({ facilitator }, request) {
    return facilitator.verify(request)
  },

  verified(_context, outcome) {
    return outcome.ok && outcome.response.isValid === true
  },

  async execute(context, params) {
    context.executions.count++
    return weatherReport(params)
  },

  settleFor(_context, result) {
    return result.isError !== true
  },

  settle({ facilitator }, request) {
    return facilitator.settle(request)
  },

  settled(_context, settlement) {
    return (
      settlement.ok &&
      settlement.response.success === true &&
      typeof settlement.response.transaction === 'string' &&
      settlement.response.transaction !== ''
    )
  },

  receipt({ binding }, result, settlement) {
    return binding.withReceipt(result, settlement)
  },
}
