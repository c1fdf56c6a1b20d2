/** `mcpServerCase`: `defineCase` for the mcp-server role, so case files only say what is specific to them. */
import type { CaseDefinition } from '../../harness/model/case.ts'
import { type RoleCaseDefinition, roleCase } from '../case-terms.ts'
import type { McpServerContext } from './context.ts'

/** An MCP server case: everything but the role (always x402 v2: the tool-result binding is v2's). */
export type McpServerCaseDefinition = Omit<RoleCaseDefinition<McpServerContext>, 'versions'>

/** Declares an MCP server case (id `mcp-server.<area>.<name>`), checked at load time. */
export const mcpServerCase: (definition: McpServerCaseDefinition) => CaseDefinition<McpServerContext> =
  roleCase<McpServerContext>('mcp-server', [2])
