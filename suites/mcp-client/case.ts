/** `mcpClientCase`: `defineCase` for the mcp-client role (x402 v2, the tool-result binding). */
import type { CaseDefinition } from '../../harness/model/case.ts'
import { type RoleCaseDefinition, roleCase } from '../case-terms.ts'
import type { McpClientContext } from './context.ts'

/** An MCP client case: everything but the role (always x402 v2). */
export type McpClientCaseDefinition = Omit<RoleCaseDefinition<McpClientContext>, 'versions'>

/** Declares an MCP client case (id `mcp-client.<area>.<name>`), checked at load time. */
export const mcpClientCase: (definition: McpClientCaseDefinition) => CaseDefinition<McpClientContext> =
  roleCase<McpClientContext>('mcp-client', [2])
