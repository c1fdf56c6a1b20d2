/**
 * The mcp-client suite: certifies an MCP client that pays (x402 v2 over MCP, transports-v2/mcp.md) by
 * playing the paid MCP tool, honest and hostile, over streamable HTTP, and judging what the client
 * sends with the HTTP client suite's checks of the signed terms. Its reference implementation is the
 * project's reference MCP client (harness/reference/mcp/client), which `demo` runs.
 */
import { referenceMcpClientTarget } from '../../harness/reference/mcp/client/index.ts'
import { defineSuite, type RoleSuite } from '../../harness/runner/suite.ts'
import { mcpClientCases } from './cases/index.ts'
import type { McpClientContext } from './context.ts'
import { mcpClientFixture } from './fixture.ts'

export { mcpClientCases } from './cases/index.ts'
export type { McpClientContext } from './context.ts'
export { createMcpClientFixture, type McpClientFixtureOptions, mcpClientFixture } from './fixture.ts'

/** The mcp-client suite as the registry lists it. */
export const mcpClientSuite: RoleSuite<McpClientContext> = defineSuite<McpClientContext>({
  name: 'mcp-client',
  role: 'mcp-client',
  fixture: mcpClientFixture,
  cases: mcpClientCases,
  references: [{ name: 'mcp-client-v2', target: referenceMcpClientTarget() }],
})
