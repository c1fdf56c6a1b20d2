/**
 * The mcp-server suite catches every known-bad MCP server (the reference MCP server with one step
 * replaced), and every mcp-server case is proven by one (test/mcp/known-bad-card.ts).
 */
import { referenceMcpServerTarget } from '../../harness/reference/mcp/server/index.ts'
import { mcpServerCases } from '../../suites/mcp-server/cases/index.ts'
import { mcpServerFixture } from '../../suites/mcp-server/fixture.ts'
import { knownBadMcpServers } from '../known-bad/mcp-server/index.ts'
import { describeMcpKnownBads } from './known-bad-card.ts'

describeMcpKnownBads({
  role: 'mcp-server',
  what: 'MCP servers',
  fixture: mcpServerFixture,
  cases: mcpServerCases,
  bads: knownBadMcpServers,
  target: (bad) => referenceMcpServerTarget({ ...bad.replace, label: `known-bad ${bad.name}` }),
  seed: 5,
})
