/** The `x402-conformance` command line: parses the sub-command and hands over to it. */

import { packageInfo } from '../harness/package-info.ts'
import { watchParent } from '../harness/processes/parent.ts'
import { shutDown } from '../harness/processes/registry.ts'
import { UsageError } from './usage.ts'

const USAGE = `usage: x402-conformance <command> [options]

commands:
  devnet       boot the local devnet (anvil + USDC + built-in facilitator) and run until Ctrl-C
               [--chain base-sepolia|base] [--port N] [--facilitator-port N] [--json]
  server       test a resource server: server <url> [--start "<cmd>"] [options]
  client       test a client: client (--start "<cmd containing {url}>" | --driver <url>) [options]
  facilitator  test a facilitator: facilitator <url> [--start "<cmd>"] [options]
  mcp-server   test a paid MCP server: mcp-server (<url> | --start "<cmd>") [--tool <name>] [options]
  mcp-client   test a paying MCP client: mcp-client --start "<cmd containing {url}>" [options]
  demo         run every suite against the project's reference implementations
  merge        merge the reports of a sharded run: merge <dir...> --report <dir>
  catalog      print the requirement catalogue as Markdown

'x402-conformance <command> --help' lists a command's options; 'x402-conformance --version' prints the version.
exit codes: 0 conformant, 1 not conformant, 2 the run could not be done (bad arguments, target unreachable)
`

type Command = (argv: string[]) => Promise<number>

/** Commands load lazily, so `--help` and argument errors answer at once. */
const commands: Record<string, () => Promise<Command>> = {
  devnet: async () => (await import('./commands/devnet.ts')).devnetCommand,
  server: async () => (await import('./commands/server.ts')).serverCommand,
  client: async () => (await import('./commands/client.ts')).clientCommand,
  facilitator: async () => (await import('./commands/facilitator.ts')).facilitatorCommand,
  'mcp-server': async () => (await import('./commands/mcp-server.ts')).mcpServerCommand,
  'mcp-client': async () => (await import('./commands/mcp-client.ts')).mcpClientCommand,
  demo: async () => (await import('./commands/demo.ts')).demoCommand,
  merge: async () => (await import('./commands/merge.ts')).mergeCommand,
  catalog: async () => (await import('./commands/catalog.ts')).catalogCommand,
}

/** Runs the CLI and returns the exit code: 0 conformant, 1 not conformant, 2 the run could not be done. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE)
    return name === undefined ? 2 : 0
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    process.stdout.write(`x402-conformance ${packageInfo().version}\n`)
    return 0
  }
  const load = commands[name]
  if (!load) {
    process.stderr.write(`x402-conformance: unknown command '${name}' (try --help)\n`)
    return 2
  }
  // npx does not pass TERM/INT on: when our parent goes, stop what we started (as SIGHUP would).
  watchParent(() => shutDown(129))
  try {
    const command = await load()
    return await command(rest)
  } catch (error) {
    process.stderr.write(`x402-conformance ${name}: ${describeError(error)}\n`)
    return 2
  }
}

/** One line for the user: the message of a known error kind, never a stack trace. */
function describeError(error: unknown): string {
  if (error instanceof UsageError) return error.message
  if (error instanceof Error) {
    // node:util parseArgs errors carry a code; their message is already one line for the user.
    return error.message.split('\n')[0] ?? error.name
  }
  return String(error)
}
