/**
 * A known-bad MCP server: the reference MCP server with one step replaced, breaking exactly one
 * requirement, and the mcp-server case ids that must catch it (the case fails, or warns for a SHOULD).
 */
import type { ReferenceMcpServerOptions } from '../../../harness/reference/mcp/server/index.ts'
import type { KnownBad } from '../known-bad.ts'

/** `replace` is the variation of the reference MCP server (its steps). */
export type KnownBadMcpServer = KnownBad<ReferenceMcpServerOptions>

/** Declares a known-bad MCP server (a typed identity, so each entry reads as data). */
export function knownBadMcpServer(definition: KnownBadMcpServer): KnownBadMcpServer {
  return Object.freeze(definition)
}
