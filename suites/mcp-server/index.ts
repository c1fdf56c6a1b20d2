/**
 * The mcp-server suite: certifies a paid MCP server (x402 v2 over MCP, transports-v2/mcp.md) by
 * playing the paying MCP client, honest and hostile, over streamable HTTP or stdio, with the chain and
 * the built-in facilitator's log as the oracle. Its reference implementation is the project's
 * reference MCP server (harness/reference/mcp/server), which `demo` runs.
 */
import { referenceMcpServerTarget } from '../../harness/reference/mcp/server/index.ts'
import { defineSuite, type RoleSuite } from '../../harness/runner/suite.ts'
import { mcpServerCases } from './cases/index.ts'
import type { McpServerContext } from './context.ts'
import { mcpServerFixture } from './fixture.ts'

export { mcpServerCases } from './cases/index.ts'
export type { McpServerContext } from './context.ts'
export { createMcpServerFixture, type McpServerFixtureOptions, mcpServerFixture } from './fixture.ts'

/** The mcp-server suite as the registry lists it. */
export const mcpServerSuite: RoleSuite<McpServerContext> = defineSuite<McpServerContext>({
  name: 'mcp-server',
  role: 'mcp-server',
  fixture: mcpServerFixture,
  cases: mcpServerCases,
  references: [{ name: 'mcp-server-v2', target: referenceMcpServerTarget() }],
})
