/**
 * The MCP messages the x402 MCP transport touches, as plain JSON (what travels, not what an SDK
 * parses it into): a `tools/call` request's params and a tool result. Everything else an MCP peer
 * sends passes through untouched.
 */

/** A JSON object. */
export type JsonObject = Record<string, unknown>

/** `tools/call` params: the tool, its arguments, and the request's `_meta`. */
export interface ToolCallParams {
  name: string
  arguments?: JsonObject
  _meta?: JsonObject
  [key: string]: unknown
}

/** One content block of a tool result (`text` is the one the x402 transport uses). */
export interface ContentBlock {
  type: string
  text?: string
  [key: string]: unknown
}

/** A `tools/call` result (MCP `CallToolResult`). */
export interface ToolResult {
  content: ContentBlock[]
  isError?: boolean
  structuredContent?: JsonObject
  _meta?: JsonObject
  [key: string]: unknown
}

/** A tool as `tools/list` shows it. */
export interface ToolInfo {
  name: string
  description?: string
  inputSchema?: JsonObject
  _meta?: JsonObject
  [key: string]: unknown
}

/** Whether `value` is a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
