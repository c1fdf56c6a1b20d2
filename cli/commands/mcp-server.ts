/**
 * `x402-conformance mcp-server <url | --start "<cmd>"> [--tool <name>] [--arguments <json>] [options]`:
 * runs the mcp-server suite against a paid MCP server: over streamable HTTP at `<url>` (running, or
 * started with `--start` listening on $PORT), or over stdio when `--start` is given without a URL.
 */
import { parseArgs } from 'node:util'
import { parseLoopbackUrl } from '../loopback.ts'
import { parseRunSettings, RUN_OPTIONS, RUN_OPTIONS_HELP } from '../options.ts'
import { UsageError } from '../usage.ts'

/** `mcp-server --help`. */
export const mcpServerUsage = `usage: x402-conformance mcp-server (<url> | --start "<cmd>") [--tool <name>] [--arguments <json>] [options]

  <url>              the server's streamable HTTP MCP endpoint (e.g. http://127.0.0.1:4031/mcp)
  --start "<cmd>"    start the server with the devnet environment (X402_*, PORT = the URL's port);
                     without <url> it speaks MCP over its stdin/stdout
  --tool <name>      the paid tool to test (default: the first tool whose unpaid call asks for payment)
  --arguments <json> the arguments to call it with (default: built from its inputSchema)

${RUN_OPTIONS_HELP}`

/** Runs the mcp-server suite; returns the exit code (0 conformant, 1 not, 2 the run could not be done). */
export async function mcpServerCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      ...RUN_OPTIONS,
      start: { type: 'string' },
      tool: { type: 'string' },
      arguments: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  })
  if (values.help) {
    process.stdout.write(`${mcpServerUsage}\n`)
    return 0
  }
  if (positionals.length > 1) throw new UsageError('mcp-server takes at most one <url>')
  const command = values.start
  if (command !== undefined && command.trim() === '') throw new UsageError('--start needs a command')
  if (positionals.length === 0 && command === undefined)
    throw new UsageError('mcp-server needs a <url> or --start "<cmd>" (x402-conformance mcp-server --help)')
  const url =
    positionals[0] === undefined ? undefined : parseLoopbackUrl(positionals[0], 'the MCP server URL')
  if (values.tool !== undefined) {
    if (values.tool.trim() === '') throw new UsageError('--tool needs a tool name')
    process.env.X402_MCP_TOOL = values.tool
  }
  if (values.arguments !== undefined) {
    let parsed: unknown
    try {
      parsed = JSON.parse(values.arguments)
    } catch {
      throw new UsageError('--arguments is not JSON')
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new UsageError('--arguments must be a JSON object')
    process.env.X402_MCP_ARGUMENTS = values.arguments
  }
  const settings = parseRunSettings(values)
  const target =
    command === undefined
      ? { kind: 'url' as const, url: url! }
      : { kind: 'start' as const, command, ...(url ? { url } : {}) }
  return (await import('./run.ts')).executeRuns({ command: 'mcp-server', argv }, settings, [
    {
      group: 'mcp-server',
      role: 'mcp-server',
      suites: (suite) => suite.role === 'mcp-server',
      target,
      replicable: command !== undefined,
      describe: { ...(url ? { url } : {}), ...(command ? { command } : {}), label: command ?? url! },
      ...(command === undefined ? { precheck: url! } : {}),
    },
  ])
}
