/**
 * The mcp-client suite catches every known-bad MCP client (the reference MCP client with one step
 * replaced), and every mcp-client case is proven by one (test/mcp/known-bad-card.ts).
 */
import { referenceMcpClientTarget } from '../../harness/reference/mcp/client/index.ts'
import { mcpClientCases } from '../../suites/mcp-client/cases/index.ts'
import { mcpClientFixture } from '../../suites/mcp-client/fixture.ts'
import { knownBadMcpClients } from '../known-bad/mcp-client/index.ts'
import { describeMcpKnownBads } from './known-bad-card.ts'

describeMcpKnownBads({
  role: 'mcp-client',
  what: 'MCP clients',
  fixture: mcpClientFixture,
  cases: mcpClientCases,
  bads: knownBadMcpClients,
  target: (bad) => referenceMcpClientTarget({ ...bad.replace, label: `known-bad ${bad.name}` }),
  seed: 6,
})
