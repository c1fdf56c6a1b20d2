/** The `x402-conformance` command line: parses the sub-command and hands over to it. */

const USAGE = `usage: x402-conformance <command> [options]

commands:
  devnet       boot the local devnet (anvil + USDC + built-in facilitator) and run until Ctrl-C
  demo         run every suite against the project's own reference implementations
`

export async function main(argv: string[]): Promise<number> {
  const [command] = argv
  if (command === undefined || command === '--help' || command === '-h') {
    process.stdout.write(USAGE)
    return command === undefined ? 2 : 0
  }
  process.stderr.write(`x402-conformance: unknown command '${command}'\n${USAGE}`)
  return 2
}
