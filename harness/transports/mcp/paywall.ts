/**
 * The paid MCP tool the suite plays to a client under test: scripted endpoints on 127.0.0.1, each a
 * streamable HTTP MCP server at its own path with one paid tool, recording every `tools/call` as it
 * arrived (name, arguments, `_meta`). A script decides each answer; `honestToolScript` is the server
 * of transports-v2/mcp.md, settling through the settlement service it is given (the built-in
 * facilitator). Hostile scripts answer anything else.
 */
import type { Listening } from '../../http/listen.ts'
import type { McpPaymentBinding } from './binding.ts'
import { serveToolsOverHttp, type ToolHost } from './host.ts'
import type { JsonObject, ToolCallParams, ToolInfo, ToolResult } from './types.ts'

/** One call the endpoint received. */
export interface ReceivedCall {
  /** 1, 2, 3… in arrival order. */
  seq: number
  /** Wall-clock arrival, ms since the epoch. */
  at: number
  params: ToolCallParams
  /** What the endpoint answered. */
  answer?: ToolResult | { error: string }
  /** The settlement made while answering, if any. */
  settlement?: { request: unknown; response?: unknown; error?: string }
}

/** What a script sees while answering a call. */
export interface CallState {
  /** Calls of the endpoint before this one. */
  readonly previous: readonly ReceivedCall[]
  /** This call (record a settlement on it). */
  readonly call: ReceivedCall
}

/** Answers one `tools/call` of the paid tool. */
export type ToolScript = (params: ToolCallParams, state: CallState) => Promise<ToolResult>

/** One endpoint: its MCP URL, the tool a client is to call, and the calls received. */
export interface ToolEndpoint {
  url: string
  tool: ToolInfo
  /** The arguments the client is asked to call the tool with. */
  arguments: JsonObject
  readonly calls: readonly ReceivedCall[]
}

export interface ToolPaywall {
  origin: string
  /** A fresh endpoint whose paid tool is answered by `script`. */
  endpoint(script: ToolScript, options?: { tool?: ToolInfo; arguments?: JsonObject }): ToolEndpoint
  stop(): Promise<void>
}

/** The paid tool the endpoints offer by default. */
export const PAYWALL_TOOL: ToolInfo = Object.freeze({
  name: 'get_forecast',
  description: 'A weather forecast (paid, x402)',
  inputSchema: {
    type: 'object',
    properties: { city: { type: 'string' }, days: { type: 'integer' } },
    required: ['city'],
  },
})

/** The arguments clients are asked to send by default. */
export const PAYWALL_ARGUMENTS: JsonObject = Object.freeze({ city: 'Lisbon', days: 3 })

/** The tool content an honest endpoint sells. */
export const FORECAST = Object.freeze({ city: 'Lisbon', forecast: ['sunny', 'sunny', 'cloudy'] })

/** Starts the paywall on a free loopback port. */
export async function startToolPaywall(): Promise<ToolPaywall> {
  const endpoints = new Map<string, { host: ToolHost }>()
  let next = 0
  const listening: Listening = await serveToolsOverHttp((path) => endpoints.get(path)?.host, {
    name: 'x402-conformance MCP paywall',
  })
  return {
    origin: listening.origin,
    endpoint(script, options = {}) {
      const path = `/mcp/${++next}`
      const tool = options.tool ?? PAYWALL_TOOL
      const calls: ReceivedCall[] = []
      const host: ToolHost = {
        tools: () => [tool],
        async call(params) {
          const call: ReceivedCall = {
            seq: calls.length + 1,
            at: Date.now(),
            params: structuredClone(params),
          }
          const previous = [...calls]
          calls.push(call)
          try {
            const answer = await script(params, { previous, call })
            call.answer = answer
            return answer
          } catch (error) {
            call.answer = { error: error instanceof Error ? error.message : String(error) }
            throw error
          }
        },
      }
      endpoints.set(path, { host })
      return {
        url: `${listening.origin}${path}`,
        tool,
        arguments: options.arguments ?? PAYWALL_ARGUMENTS,
        calls,
      }
    },
    stop: () => listening.close(),
  }
}

/** Settles a payment (the built-in facilitator's `settle`, in process). */
export type SettleService = (request: {
  x402Version: 2
  paymentPayload: unknown
  paymentRequirements: unknown
}) => Promise<{ success: boolean; transaction?: string; [key: string]: unknown }>

/**
 * The server of transports-v2/mcp.md: a call without a payment object gets `paymentRequired`; a
 * payment is settled against `requirements` and, when the settlement succeeds, the tool content comes
 * back with the receipt; otherwise the PaymentRequired again with the reason.
 */
export function honestToolScript(options: {
  binding: McpPaymentBinding
  paymentRequired: JsonObject
  requirements: JsonObject
  settle: SettleService
  /** The tool content (default: {@link FORECAST}). */
  content?: JsonObject
}): ToolScript {
  const { binding } = options
  const ask = (error?: string) =>
    binding.paymentRequiredResult(
      error === undefined ? options.paymentRequired : { ...options.paymentRequired, error },
    )
  return async (params, { call }) => {
    const payment = binding.readPayment(params)
    if (typeof payment !== 'object' || payment === null) return ask()
    const request = {
      x402Version: 2 as const,
      paymentPayload: payment,
      paymentRequirements: options.requirements,
    }
    let response: Awaited<ReturnType<SettleService>>
    try {
      response = await options.settle(request)
    } catch (error) {
      call.settlement = { request, error: error instanceof Error ? error.message : String(error) }
      return ask(`Payment settlement failed: ${call.settlement.error}`)
    }
    call.settlement = { request, response }
    if (response.success !== true)
      return ask(`Payment settlement failed: ${String(response.errorReason ?? '')}`)
    const content = options.content ?? FORECAST
    return binding.withReceipt(
      { content: [{ type: 'text', text: JSON.stringify(content) }], structuredContent: content },
      response,
    )
  }
}
