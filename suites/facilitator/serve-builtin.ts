/**
 * The built-in facilitator as a program, for `--start`: it reads the environment a started facilitator
 * gets (`X402_RPC_URL`, `X402_CHAIN_ID`, `X402_FACILITATOR_PRIVATE_KEY`, `PORT`), listens on
 * 127.0.0.1:$PORT, prints its URL and runs until SIGINT or SIGTERM.
 *
 *   x402-conformance facilitator http://127.0.0.1:4020 --start "node suites/facilitator/serve-builtin.ts"
 */
import { startBuiltinFacilitator } from './builtin.ts'

try {
  const running = await startBuiltinFacilitator(process.env)
  console.log(`built-in facilitator listening on ${running.url}`)
  const stop = () => {
    void running.stop().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
} catch (error) {
  console.error(`built-in facilitator: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(2)
}
