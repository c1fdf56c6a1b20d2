/**
 * The reference server as a command, for `--start`: listens on 127.0.0.1:$PORT with the DESIGN.md
 * environment (X402_FACILITATOR_URL, X402_NETWORK, X402_NETWORK_V1, X402_ASSET, X402_PAY_TO,
 * X402_RPC_URL) and sells GET /weather until SIGINT/SIGTERM. `--payment-flow upfront` (v2) settles
 * before producing the resource and declares it in the offer (core v2 §6.1).
 *
 *   x402-conformance server http://127.0.0.1:4021/weather \
 *     --start "node harness/reference/server/cli.ts --x402-version 2"
 */
import type { X402Version } from '../../wire/types.ts'
import { isPaymentFlow, type PaymentFlow, startReferenceServer } from './index.ts'

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

try {
  const argv = process.argv.slice(2)
  const server = await startReferenceServer(versionOf(argv), process.env, {
    overrides: { paymentFlow: flowOf(argv) },
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
