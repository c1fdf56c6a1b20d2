/**
 * The MCP server side of the transport: a `ToolHost` (its tools and how a `tools/call` is answered)
 * served over streamable HTTP (stateless: each POST is one exchange, JSON answers) or over this
 * process's stdio. The reference MCP server and the suite's own MCP server (which plays the paid tool
 * to a client under test) both stand on it; what a host answers is entirely its own.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { Server } from '@modelcontextprotocol/sdk/server/index.js'
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js'
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js'
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js'
import { type Listening, listenOnLoopback } from '../../http/listen.ts'
import type { ToolCallParams, ToolInfo, ToolResult } from './types.ts'

/** What an MCP server offers: tools, and the answer to each call (throw `McpError` for a JSON-RPC error). */
export interface ToolHost {
  tools(): ToolInfo[]
  call(params: ToolCallParams): Promise<ToolResult>
}

/** An MCP SDK server answering `tools/list` and `tools/call` from `host`. */
export function createToolServer(host: ToolHost, name = 'x402-conformance'): Server {
  const server = new Server({ name, version: '1' }, { capabilities: { tools: {} } })
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: host.tools() as never[] }))
  server.setRequestHandler(
    CallToolRequestSchema,
    async (request) => (await host.call(request.params as ToolCallParams)) as never,
  )
  return server
}

/** Options of {@link serveToolsOverHttp}. */
export interface HttpServeOptions {
  /** Port on 127.0.0.1 (0: a free one). */
  port?: number
  /** Server name in `initialize`. */
  name?: string
}

/**
 * Serves streamable HTTP on 127.0.0.1: a POST to a path `hostFor` knows is one MCP exchange with that
 * host; other paths answer 404, other methods 405 (a stateless server has no event stream).
 */
export async function serveToolsOverHttp(
  hostFor: (path: string) => ToolHost | undefined,
  options: HttpServeOptions = {},
): Promise<Listening> {
  const http = createServer((request, response) => {
    void answer(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end()
      else response.end()
    })
  })
  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname
    const host = hostFor(path)
    if (host === undefined) return void response.writeHead(404).end()
    if (request.method !== 'POST') return void response.writeHead(405, { allow: 'POST' }).end()
    const body = await readJson(request)
    const server = createToolServer(host, options.name)
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    })
    response.on('close', () => {
      void transport.close()
      void server.close()
    })
    await server.connect(transport)
    await transport.handleRequest(request, response, body)
  }
  return listenOnLoopback(http, options.port ?? 0)
}

/** Serves `host` on this process's stdin/stdout until stdin ends. */
export async function serveToolsOverStdio(
  host: ToolHost,
  name?: string,
): Promise<{ close(): Promise<void> }> {
  const server = createToolServer(host, name)
  const transport = new StdioServerTransport()
  await server.connect(transport)
  return { close: () => server.close() }
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
