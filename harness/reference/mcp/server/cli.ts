/**
 * The reference MCP server as a command, for `mcp-server --start`: with the DESIGN.md environment
 * (X402_FACILITATOR_URL, X402_NETWORK, X402_ASSET, X402_PAY_TO, X402_RPC_URL) it serves streamable
 * HTTP at http://127.0.0.1:$PORT/mcp, or MCP over its stdin/stdout with --stdio, until stopped.
 *
 *   x402-conformance mcp-server http://127.0.0.1:4031/mcp --start "node harness/reference/mcp/server/cli.ts"
 *   x402-conformance mcp-server --start "node harness/reference/mcp/server/cli.ts --stdio"
 */
import { serveReferenceMcpServerOverStdio, startReferenceMcpServer } from './index.ts'

const stdio = process.argv.slice(2).includes('--stdio')

try {
  if (stdio) {
    const server = await serveReferenceMcpServerOverStdio(process.env)
    // stdout is the MCP stream: say nothing there. The harness closes stdin (or signals) to stop it.
    const stop = () => void server.close().then(() => process.exit(0))
    process.stdin.once('end', stop)
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  } else {
    const server = await startReferenceMcpServer(process.env)
    process.stdout.write(`reference MCP server listening at ${server.url}\n`)
    const stop = () => void server.stop().then(() => process.exit(0))
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  }
} catch (error) {
  process.stderr.write(`reference MCP server: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(2)
}
