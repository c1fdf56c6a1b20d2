/**
 * `x402-conformance mcp-client --start "<cmd containing {url}>" [options]`: runs the mcp-client suite.
 * The client runs once per case with `{url}` replaced by an MCP endpoint (streamable HTTP) of the
 * suite's paid tool, the tool and its arguments in X402_MCP_TOOL / X402_MCP_ARGUMENTS, a funded payer
 * in X402_PRIVATE_KEY, and prints one JSON line {"success", "status", "body", "paymentResponse"}.
 */
import { parseArgs } from 'node:util'
import { parseRunSettings, RUN_OPTIONS, RUN_OPTIONS_HELP } from '../options.ts'
import { UsageError } from '../usage.ts'

/** `mcp-client --help`. */
export const mcpClientUsage = `usage: x402-conformance mcp-client --start "<cmd containing {url}>" [options]

  --start "<cmd>"  run the MCP client once per case, {url} replaced by an MCP endpoint; it calls the tool
                   X402_MCP_TOOL with the arguments X402_MCP_ARGUMENTS (JSON), pays from
                   X402_PRIVATE_KEY, and prints one JSON line {"success", "status", "body",
                   "paymentResponse"} (status 200: a completed tool result, 402: a PaymentRequired)

${RUN_OPTIONS_HELP}`

/** Runs the mcp-client suite; returns the exit code. */
export async function mcpClientCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { ...RUN_OPTIONS, start: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  })
  if (values.help) {
    process.stdout.write(`${mcpClientUsage}\n`)
    return 0
  }
  if (positionals.length > 0)
    throw new UsageError(`mcp-client takes no positional argument, got '${positionals[0]}'`)
  const command = values.start
  if (command === undefined) throw new UsageError('mcp-client needs --start "<cmd containing {url}>"')
  if (!command.includes('{url}')) throw new UsageError('--start needs a command containing {url}')
  const settings = parseRunSettings(values)
  return (await import('./run.ts')).executeRuns({ command: 'mcp-client', argv }, settings, [
    {
      group: 'mcp-client',
      role: 'mcp-client',
      suites: (suite) => suite.role === 'mcp-client',
      target: { kind: 'start', command },
      replicable: true,
      describe: { command, label: command },
    },
  ])
}
