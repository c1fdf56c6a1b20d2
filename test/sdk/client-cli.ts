/**
 * The real published paying clients behind the DESIGN.md client contract, so the client suite can drive
 * them through the command adapter: pays for the URL once with `@x402/fetch` 2.27 (`--sdk v2`, which also
 * answers v1 challenges) or `x402-fetch` 1.2 (`--sdk v1`) and prints one JSON line. What the SDK throws
 * becomes `{"success": false, …}` with the message as the body (the SDK's own way to refuse).
 *
 *   node test/sdk/client-cli.ts --sdk v2|v1 <url>     (X402_PRIVATE_KEY, X402_RPC_URL, X402_CHAIN_ID)
 */
import { payWithSdkClientV1, payWithSdkClientV2 } from './clients.ts'
import { devnetChain, devnetPayer } from './devnet-payer.ts'

/** The atomic-unit ceiling each SDK applies by default (what it declares as its budget). */
export const SDK_DEFAULT_BUDGETS = {
  /** @x402/core 2.27 spendControls.maxAmountPerPayment "$1" for default assets (USDC, 6 decimals). */
  v2: 1_000_000n,
  /** x402-fetch 1.2 maxValue default: 0.1 USDC. */
  v1: 100_000n,
} as const

/** Path of this command, for `--start` command lines. */
export const SDK_CLIENT_CLI: string = new URL(import.meta.url).pathname

async function main(argv: readonly string[]): Promise<void> {
  const sdk = argv[argv.indexOf('--sdk') + 1]
  const url = argv.find((argument, index) => !argument.startsWith('--') && argv[index - 1] !== '--sdk')
  if ((sdk !== 'v1' && sdk !== 'v2') || url === undefined)
    throw new Error('usage: client-cli.ts --sdk v1|v2 <url>')
  const { privateKey, ...chain } = devnetPayer(process.env)
  const outcome =
    sdk === 'v2'
      ? await payWithSdkClientV2(url, privateKey)
      : await payWithSdkClientV1(url, privateKey, devnetChain(chain))
  printOutcome(outcome)
}

/** Prints the client contract's one JSON line (the body parsed when it is JSON). */
export function printOutcome(outcome: { body: string }): void {
  let body: unknown = outcome.body
  try {
    body = JSON.parse(outcome.body)
  } catch {}
  process.stdout.write(`${JSON.stringify({ ...outcome, body })}\n`)
}

/** Runs a client command's `main`; a throw is still one JSON line (`success: false`), never a trace. */
export async function runClientCli(main: (argv: readonly string[]) => Promise<void>): Promise<void> {
  try {
    await main(process.argv.slice(2))
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    process.stderr.write(`${message}\n`)
    process.stdout.write(`${JSON.stringify({ success: false, status: 0, body: message.slice(0, 2000) })}\n`)
  }
}

if (import.meta.main) await runClientCli(main)
