/**
 * The built-in facilitator as a command, for `x402-conformance facilitator <url> --start`: reads the
 * DESIGN.md environment (X402_RPC_URL, X402_FACILITATOR_PRIVATE_KEY, PORT), serves on 127.0.0.1:$PORT
 * until SIGINT/SIGTERM.
 *
 *   x402-conformance facilitator http://127.0.0.1:4022 --start "node harness/facilitator/cli.ts"
 */
import { connectDevnet } from '../devnet/connect.ts'
import { toDevnetAccount } from '../devnet/index.ts'
import { startFacilitator } from './index.ts'

function required(name: string): string {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set`)
  return value
}

try {
  const devnet = await connectDevnet(required('X402_RPC_URL'))
  const key = required('X402_FACILITATOR_PRIVATE_KEY')
  if (!/^0x[0-9a-fA-F]{64}$/.test(key))
    throw new Error('X402_FACILITATOR_PRIVATE_KEY is not a 32-byte hex key')
  const port = Number(process.env.PORT ?? 0)
  const facilitator = await startFacilitator({ devnet, signer: toDevnetAccount(key as `0x${string}`), port })
  process.stdout.write(`built-in facilitator listening at ${facilitator.url}\n`)
  const stop = () => {
    void facilitator.stop().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
} catch (error) {
  process.stderr.write(`facilitator: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(2)
}
