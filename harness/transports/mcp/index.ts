/**
 * The MCP transport layer (transports-v2/mcp.md): the binding of x402 to MCP messages, the suite as
 * an MCP client (streamable HTTP, stdio) and the MCP server side (a tool host over either). It knows
 * no case and no scheme: payments are built by harness/schemes, judged by the facilitator and the chain.
 */
export * from './binding.ts'
export * from './connection.ts'
export * from './hooks.ts'
export * from './host.ts'
export * from './paywall.ts'
export * from './stdio-process.ts'
export * from './types.ts'
