/** `mcpClientCase`: `defineCase` for the mcp-client role (x402 v2, the tool-result binding). */
import { type CaseDefinition, defineCase } from '../../harness/model/case.ts'
import type { McpClientContext } from './context.ts'

export type McpClientCaseDefinition = Omit<CaseDefinition<McpClientContext>, 'role' | 'versions'>

/** Declares an MCP client case (id `mcp-client.<area>.<name>`), checked at load time. */
export function mcpClientCase(definition: McpClientCaseDefinition): CaseDefinition<McpClientContext> {
  return defineCase<McpClientContext>({ ...definition, versions: [2], role: 'mcp-client' })
}
