/**
 * The reference server as a command, for `--start`: listens on 127.0.0.1:$PORT with the DESIGN.md
 * environment (X402_FACILITATOR_URL, X402_NETWORK, X402_NETWORK_V1, X402_ASSET, X402_PAY_TO,
 * X402_RPC_URL) and sells GET /weather until SIGINT/SIGTERM. `--payment-flow upfront` (v2) settles
 * before producing the resource and declares it in the offer (core v2 §6.1). `--permit2 exact,upto`
 * (v2; or X402_SERVER_PERMIT2) adds exact with Permit2 and/or upto offers in the devnet's plain ERC-20.
 *
 *   x402-conformance server http://127.0.0.1:4021/weather \
 *     --start "node harness/reference/server/cli.ts --x402-version 2"
 */
import type { X402Version } from '../../wire/types.ts'
import {
  isPaymentFlow,
  type PaymentFlow,
  type Permit2Kind,
  parsePermit2Kinds,
  startReferenceServer,
} from './index.ts'

function versionOf(argv: readonly string[]): X402Version {
  const at = argv.indexOf('--x402-version')
  const value = at === -1 ? '2' : argv[at + 1]
  if (value !== '1' && value !== '2') throw new Error('--x402-version takes 1 or 2')
  return Number(value) as X402Version
}

function flowOf(argv: readonly string[]): PaymentFlow {
  const at = argv.indexOf('--payment-flow')
  const value = at === -1 ? 'authorization' : argv[at + 1]
  if (!isPaymentFlow(value)) throw new Error('--payment-flow takes authorization or upfront')
  return value
}

/** `--permit2 exact,upto`, or undefined (then X402_SERVER_PERMIT2 decides). */
function permit2Of(argv: readonly string[]): Permit2Kind[] | undefined {
  const at = argv.indexOf('--permit2')
  if (at === -1) return undefined
  const value = argv[at + 1]
  if (value === undefined || value.startsWith('--'))
    throw new Error('--permit2 takes exact, upto or exact,upto')
  return parsePermit2Kinds(value)
}

try {
  const argv = process.argv.slice(2)
  const server = await startReferenceServer(versionOf(argv), process.env, {
    overrides: {
      paymentFlow: flowOf(argv),
      ...(permit2Of(argv) === undefined ? {} : { permit2Kinds: permit2Of(argv) }),
    },
  })
  process.stdout.write(`reference server listening at ${server.url}\n`)
  const stop = () => {
    void server.stop().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
} catch (error) {
  process.stderr.write(`reference server: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(2)
}
