/**
 * The real published client with upto registered, behind the DESIGN.md client contract: pays for the
 * URL once with `@x402/fetch` 2.27, `@x402/evm` 2.27's exact client (EIP-3009 and Permit2) and its upto
 * client, and prints one JSON line. What the SDK throws becomes `{"success": false, …}`.
 *
 *   node test/sdk/upto-client-cli.ts <url>     (X402_PRIVATE_KEY)
 */
import type { Hex } from 'viem'
import type { TargetSpec } from '../../harness/runner/fixture.ts'
import { printOutcome, runClientCli } from './client-cli.ts'
import { paidOutcome } from './clients.ts'

/** Path of this command, for `--start` command lines. */
export const SDK_UPTO_CLIENT_CLI: string = new URL(import.meta.url).pathname

/** The command line as a client-suite target (`{url}` is replaced per payment). */
export function sdkUptoClientCommand(): Extract<TargetSpec, { kind: 'start' }> {
  return { kind: 'start', command: [process.execPath, SDK_UPTO_CLIENT_CLI, '{url}'].join(' ') }
}

async function main(argv: readonly string[]): Promise<void> {
  const url = argv.find((argument) => !argument.startsWith('--'))
  const privateKey = process.env.X402_PRIVATE_KEY as Hex | undefined
  if (url === undefined || privateKey === undefined)
    throw new Error('usage: upto-client-cli.ts <url> (X402_PRIVATE_KEY set)')
  const [
    { registerExactEvmScheme },
    { UptoEvmScheme },
    { decodePaymentResponseHeader, wrapFetchWithPayment, x402Client },
    { privateKeyToAccount },
  ] = await Promise.all([
    import('@x402/evm/exact/client'),
    import('@x402/evm/upto/client'),
    import('@x402/fetch'),
    import('viem/accounts'),
  ])
  const signer = privateKeyToAccount(privateKey)
  const client = x402Client.fromConfig({
    schemes: [{ network: 'eip155:*', client: new UptoEvmScheme(signer) }],
  })
  registerExactEvmScheme(client, { signer })
  const response = await wrapFetchWithPayment(fetch, client)(url, { method: 'GET' })
  printOutcome(
    await paidOutcome(response, response.headers.get('PAYMENT-RESPONSE'), decodePaymentResponseHeader),
  )
}

if (import.meta.main) await runClientCli(main)
