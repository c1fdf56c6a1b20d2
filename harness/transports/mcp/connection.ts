/**
 * The suite as an MCP client: connects to an MCP server over streamable HTTP (a URL) or stdio (a
 * started command), lists its tools and sends `tools/call` requests exactly as given (params and
 * `_meta` untouched), keeping the result as raw JSON. A JSON-RPC error is an answer too (some servers
 * signal payment that way, which the cases must see), never thrown. Every exchange is recorded.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js'
import { McpError } from '@modelcontextprotocol/sdk/types.js'
import { z } from 'zod'
import { outputExcerpt } from '../../targets/output-log.ts'
import { type StdioServerProcess, startStdioServer } from './stdio-process.ts'
import type { JsonObject, ToolCallParams, ToolInfo, ToolResult } from './types.ts'

/** Where the MCP server under test is. */
export type McpEndpoint =
  /** Streamable HTTP at `url`. */
  | { kind: 'http'; url: string }
  /** A command speaking MCP on its stdin/stdout, started by the harness with `env`. */
  | { kind: 'stdio'; command: string; env: Record<string, string> }

/** The answer to one `tools/call`: a tool result, a JSON-RPC error, or no answer at all. */
export type ToolAnswer =
  | { kind: 'result'; result: ToolResult; raw: JsonObject }
  | { kind: 'rpc-error'; code: number; message: string; data?: unknown }
  | { kind: 'failed'; error: string }

/** One exchange, as evidence records it. */
export interface McpExchange {
  label: string
  params: ToolCallParams
  answer: ToolAnswer
  durationMs: number
}

/** An open MCP session with the server under test. */
export interface McpConnection {
  /** `http` or `stdio`. */
  transport: McpEndpoint['kind']
  /** The server's tools (`tools/list`, every page). */
  tools(): Promise<ToolInfo[]>
  /** Sends one `tools/call` with `params` exactly as given. */
  call(params: ToolCallParams, options?: { label?: string; timeoutMs?: number }): Promise<ToolAnswer>
  /** Why the server can no longer be used (its process exited), or undefined. */
  problem(): string | undefined
  close(): Promise<void>
}

/** Options of {@link connectMcp}. */
export interface ConnectOptions {
  /** Called with every exchange (the fixture turns them into evidence). */
  onExchange?: (exchange: McpExchange) => void
  /** Registry name of a started stdio server. */
  name?: string
  /** Per-request timeout, ms. Default 15 s. */
  timeoutMs?: number
}

// Keep every field of a result: the cases judge what was sent, not what an SDK schema keeps.
const AnyResult = z.looseObject({})

/** Connects (MCP initialize) to `endpoint`; throws when the server cannot be reached or initialised. */
export async function connectMcp(
  endpoint: McpEndpoint,
  options: ConnectOptions = {},
): Promise<McpConnection> {
  let stdio: StdioServerProcess | undefined
  let transport: Transport
  if (endpoint.kind === 'http') {
    transport = new StreamableHTTPClientTransport(new URL(endpoint.url))
  } else {
    stdio = startStdioServer(endpoint.command, {
      env: endpoint.env,
      name: options.name ?? 'mcp-stdio-server',
    })
    transport = stdio.transport
  }
  const client = new Client({ name: 'x402-conformance', version: '1' }, { capabilities: {} })
  const timeout = options.timeoutMs ?? 15_000
  try {
    await client.connect(transport, { timeout })
  } catch (error) {
    await stdio?.stop()
    const exit = stdio?.exit()
    throw new Error(
      `MCP initialize failed: ${describe(error)}${exit ? ` (the server ${exit}${stderrNote(stdio)})` : ''}`,
    )
  }
  return {
    transport: endpoint.kind,
    async tools() {
      const tools: ToolInfo[] = []
      let cursor: string | undefined
      for (let page = 0; page < 20; page++) {
        const listed = await client.listTools(cursor === undefined ? {} : { cursor }, { timeout })
        tools.push(...(listed.tools as ToolInfo[]))
        cursor = listed.nextCursor
        if (cursor === undefined) break
      }
      return tools
    },
    async call(params, callOptions = {}) {
      const startedAt = performance.now()
      let answer: ToolAnswer
      try {
        const raw = (await client.request({ method: 'tools/call', params }, AnyResult, {
          timeout: callOptions.timeoutMs ?? timeout,
        })) as JsonObject
        answer = { kind: 'result', result: asToolResult(raw), raw }
      } catch (error) {
        answer =
          error instanceof McpError
            ? {
                kind: 'rpc-error',
                code: error.code,
                message: error.message,
                ...(error.data === undefined ? {} : { data: error.data }),
              }
            : { kind: 'failed', error: describe(error) }
      }
      options.onExchange?.({
        label: callOptions.label ?? `tools/call ${params.name}`,
        params,
        answer,
        durationMs: Math.round(performance.now() - startedAt),
      })
      return answer
    },
    problem() {
      const exit = stdio?.exit()
      return exit === undefined ? undefined : `the stdio MCP server ${exit}${stderrNote(stdio)}`
    },
    async close() {
      await client.close().catch(() => {})
      await stdio?.stop()
    },
  }
}

/** The raw result as a tool result (a missing `content` is kept missing in `raw`, empty here). */
function asToolResult(raw: JsonObject): ToolResult {
  return { ...raw, content: Array.isArray(raw.content) ? (raw.content as ToolResult['content']) : [] }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function stderrNote(stdio: StdioServerProcess | undefined): string {
  const excerpt = stdio === undefined ? '' : outputExcerpt(stdio.output.since(0))
  return excerpt === '' ? '' : `; last output: ${excerpt.slice(0, 200)}`
}

/** Whether a tool answer is a result that carries no error: the tool's own content was returned. */
export function deliveredContent(answer: ToolAnswer): boolean {
  return answer.kind === 'result' && answer.result.isError !== true
}
