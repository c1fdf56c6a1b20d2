/**
 * The reference client as a command (DESIGN.md client contract): pays for the URL once and prints one
 * JSON line `{"success", "status", "body", "paymentResponse"}`. Configured by the DESIGN.md environment
 * (`X402_PRIVATE_KEY`, `X402_NETWORK`, `X402_NETWORK_V1`, `X402_CHAIN_ID`, `X402_ASSET`, `X402_RPC_URL`;
 * optional `X402_CLIENT_BUDGET` in atomic units, `X402_CLIENT_PREFER_BATCH=1`,
 * `X402_CLIENT_BATCH_DEPOSIT_MULTIPLIER`). Why it refused to pay goes to stderr. batch-settlement channel
 * records persist between runs in files under `X402_CLIENT_STATE_DIR` (default: a directory per devnet
 * under the temp dir; see ./batch-state.ts).
 *
 *   node harness/reference/client/cli.ts [--x402-version 1|2]… <url>
 *   x402-conformance client --start "node harness/reference/client/cli.ts --x402-version 2 {url}"
 */
import type { X402Version } from '../../wire/types.ts'
import { defaultStateDirectory, fileChannelStore } from './batch-state.ts'
import { configFromEnvironment } from './config.ts'
import { payForResource } from './pay.ts'

function parseArguments(argv: readonly string[]): { url: string; versions: X402Version[] } {
  const versions: X402Version[] = []
  let url: string | undefined
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!
    if (argument === '--x402-version') {
      const value = argv[++index]
      if (value !== '1' && value !== '2') throw new Error('--x402-version takes 1 or 2')
      versions.push(Number(value) as X402Version)
    } else if (url === undefined && !argument.startsWith('--')) {
      url = argument
    } else {
      throw new Error(`unexpected argument '${argument}'`)
    }
  }
  if (url === undefined) throw new Error('usage: cli.ts [--x402-version 1|2]… <url>')
  return { url, versions: versions.length === 0 ? [1, 2] : versions }
}

try {
  const { url, versions } = parseArguments(process.argv.slice(2))
  const config = configFromEnvironment(process.env, versions)
  const channels = fileChannelStore(defaultStateDirectory(process.env, config.rpcUrl, config.chainId))
  const report = await payForResource(url, config, {
    channels,
    onNote: (note) => process.stderr.write(`${note}\n`),
  })
  process.stdout.write(`${JSON.stringify(report)}\n`)
} catch (error) {
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(`reference client: ${message}\n`)
  process.stdout.write(`${JSON.stringify({ success: false, status: 0, body: message })}\n`)
  process.exitCode = 2
}
