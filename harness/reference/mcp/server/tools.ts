/**
 * The tools of the reference MCP server: one paid tool (`get_weather`, 1000 atomic USDC) and two
 * free ones (`ping`, and `conformance_executions`, which reports how many times the paid tool's
 * handler ran). The paid tool's listing carries the suite's opt-in hooks in its `_meta`: which tool
 * counts executions, and which arguments make the handler fail (so the suite can check that a failed
 * handler is not settled). A server under test may declare the same hooks; without them those cases
 * skip, saying so.
 */
import { EXECUTIONS_HOOK, FAILING_ARGUMENTS_HOOK } from '../../../transports/mcp/hooks.ts'
import type { ToolCallParams, ToolInfo, ToolResult } from '../../../transports/mcp/types.ts'

/** Name of the paid tool. */
export const PAID_TOOL = 'get_weather'
/** The free tool that reports the paid tool's execution count as `structuredContent.executions`. */
export const EXECUTIONS_TOOL = 'conformance_executions'
/** The arguments on which the paid tool's handler fails (an unknown city). */
export const FAILING_ARGUMENTS = Object.freeze({ city: 'Atlantis' })

/** The paid tool's listing. */
export function paidToolInfo(price: string): ToolInfo {
  return {
    name: PAID_TOOL,
    description: `Weather report for a city (paid: ${price} atomic units of USDC via x402)`,
    inputSchema: {
      type: 'object',
      properties: { city: { type: 'string', description: 'city name' } },
      required: ['city'],
    },
    _meta: { [EXECUTIONS_HOOK]: EXECUTIONS_TOOL, [FAILING_ARGUMENTS_HOOK]: { ...FAILING_ARGUMENTS } },
  }
}

/** The free tools' listings. */
export const FREE_TOOLS: readonly ToolInfo[] = Object.freeze([
  { name: 'ping', description: 'Answers pong (free)', inputSchema: { type: 'object', properties: {} } },
  {
    name: EXECUTIONS_TOOL,
    description: `How many times ${PAID_TOOL} ran (free; for the conformance suite)`,
    inputSchema: { type: 'object', properties: {} },
  },
])

/** The paid tool's handler: a weather report, or an error result for a city it does not know. */
export function weatherReport(params: ToolCallParams): ToolResult {
  const city = params.arguments?.city
  if (typeof city !== 'string' || city === '')
    return { isError: true, content: [{ type: 'text', text: 'city must be a non-empty string' }] }
  if (city === FAILING_ARGUMENTS.city)
    return { isError: true, content: [{ type: 'text', text: `no weather report for ${city}` }] }
  const report = { city, weather: 'sunny', temperature: 70 }
  return { content: [{ type: 'text', text: JSON.stringify(report) }], structuredContent: report }
}

/** A free tool's answer. */
export function freeToolResult(name: string, executions: number): ToolResult | undefined {
  if (name === 'ping') return { content: [{ type: 'text', text: 'pong' }] }
  if (name === EXECUTIONS_TOOL)
    return {
      content: [{ type: 'text', text: JSON.stringify({ executions }) }],
      structuredContent: { executions },
    }
  return undefined
}
