/**
 * A known-bad MCP server: the reference MCP server with one step replaced, breaking exactly one
 * requirement, and the mcp-server case ids that must catch it (the case fails, or warns for a SHOULD).
 */
import type { ReferenceMcpServerOptions } from '../../../harness/reference/mcp/server/index.ts'

export interface KnownBadMcpServer {
  /** Short permanent name. */
  name: string
  /** The requirement ids it breaks. */
  breaks: readonly string[]
  /** What it does wrong, in one sentence. */
  defect: string
  server: ReferenceMcpServerOptions
  caughtBy: readonly string[]
}

/** Declares a known-bad MCP server (a typed identity, so each entry reads as data). */
export function knownBadMcpServer(definition: KnownBadMcpServer): KnownBadMcpServer {
  return Object.freeze(definition)
}
