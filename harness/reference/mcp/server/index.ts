/**
 * The project's reference MCP server (x402 v2, transports-v2/mcp.md): a paid tool `get_weather`
 * (1000 atomic USDC, `exact` EIP-3009) and free tools, verifying and settling through the facilitator
 * named by X402_FACILITATOR_URL, over streamable HTTP (`http://127.0.0.1:<PORT>/mcp`) or stdio. It
 * passes every case of the mcp-server suite; the known-bad MCP servers are it with one step replaced.
 *
 * ```ts
 * const server = await startReferenceMcpServer(targetEnvironment(devnet, { facilitatorUrl }))
 * // server.url === 'http://127.0.0.1:<port>/mcp'
 * await server.stop()
 * ```
 */
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js'
import type { TargetEnvironment } from '../../../devnet/environment.ts'
import type { InProcessTarget, TargetSpec } from '../../../runner/fixture.ts'
import { type McpPaymentBinding, toolResultBinding } from '../../../transports/mcp/binding.ts'
import { serveToolsOverHttp, serveToolsOverStdio, type ToolHost } from '../../../transports/mcp/host.ts'
import { createFacilitatorClient, type ReferenceServerOverrides, resolveConfig } from '../../server/index.ts'
import { handlePaidToolCall } from './flow.ts'
import { type McpServerSteps, type McpStepContext, referenceMcpSteps } from './steps.ts'
import { FREE_TOOLS, freeToolResult, PAID_TOOL, paidToolInfo } from './tools.ts'

export { handlePaidToolCall } from './flow.ts'
export {
  type DecodedMcpPayment,
  type McpServerSteps,
  type McpStepContext,
  referenceMcpSteps,
} from './steps.ts'
export * from './tools.ts'

/** The path of the streamable HTTP endpoint. */
export const MCP_PATH = '/mcp'

/** Options of the reference MCP server. */
export interface ReferenceMcpServerOptions {
  /** Replacement steps (the known-bad servers). */
  steps?: Partial<McpServerSteps>
  overrides?: ReferenceServerOverrides
  /** The binding it speaks (default: the spec's tool-result binding). */
  binding?: McpPaymentBinding
}

/** A running reference MCP server. */
export interface RunningMcpServer {
  /** The streamable HTTP endpoint (HTTP only). */
  url?: string
  /** How many times the paid tool's handler ran. */
  executions(): number
  stop(): Promise<void>
}

/** The reference server's tools and answers, from the environment. */
export async function referenceToolHost(
  environment: Readonly<Record<string, string | undefined>>,
  options: ReferenceMcpServerOptions = {},
): Promise<{ host: ToolHost; context: McpStepContext }> {
  const config = await resolveConfig(2, environment, {
    batch: undefined,
    description: 'Weather report (MCP tool)',
    ...options.overrides,
  })
  const steps: McpServerSteps = { ...referenceMcpSteps, ...options.steps }
  const context: McpStepContext = {
    config,
    facilitator: createFacilitatorClient(config.facilitatorUrl, config.facilitatorTimeoutMs),
    binding: options.binding ?? toolResultBinding,
    resourceUrl: `mcp://tool/${PAID_TOOL}`,
    executions: { count: 0 },
  }
  const host: ToolHost = {
    tools: () => [paidToolInfo(config.price), ...FREE_TOOLS],
    async call(params) {
      if (params.name === PAID_TOOL) return handlePaidToolCall(context, steps, params)
      const free = freeToolResult(params.name, context.executions.count)
      if (free === undefined) throw new McpError(ErrorCode.InvalidParams, `unknown tool ${params.name}`)
      return free
    },
  }
  return { host, context }
}

/** Starts the reference MCP server over streamable HTTP on 127.0.0.1 (PORT, or a free port). */
export async function startReferenceMcpServer(
  environment: Readonly<Record<string, string | undefined>> | TargetEnvironment,
  options: ReferenceMcpServerOptions = {},
): Promise<RunningMcpServer> {
  const variables = environment as Readonly<Record<string, string | undefined>>
  const { host, context } = await referenceToolHost(variables, options)
  const listening = await serveToolsOverHttp((path) => (path === MCP_PATH ? host : undefined), {
    port: context.config.port,
    name: 'x402-conformance reference MCP server',
  })
  return {
    url: `${listening.origin}${MCP_PATH}`,
    executions: () => context.executions.count,
    stop: () => listening.close(),
  }
}

/** Serves the reference MCP server on this process's stdio (its CLI with --stdio). */
export async function serveReferenceMcpServerOverStdio(
  environment: Readonly<Record<string, string | undefined>>,
  options: ReferenceMcpServerOptions = {},
): Promise<{ close(): Promise<void> }> {
  const { host } = await referenceToolHost(environment, options)
  return serveToolsOverStdio(host, 'x402-conformance reference MCP server')
}

/** The reference MCP server as an in-process target (what `demo` and the self-tests run). */
export function referenceMcpServerTarget(
  options: ReferenceMcpServerOptions & { label?: string } = {},
): Extract<TargetSpec, { kind: 'in-process' }> {
  return {
    kind: 'in-process',
    label: options.label ?? 'reference MCP server (x402 v2)',
    async create(environment): Promise<InProcessTarget> {
      const server = await startReferenceMcpServer({ ...environment, PORT: '0' }, options)
      return { ...(server.url === undefined ? {} : { url: server.url }), stop: () => server.stop() }
    },
  }
}
