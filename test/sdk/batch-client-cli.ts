/**
 * The real published `batch-settlement` client behind the DESIGN.md client contract, for the client
 * suite's command adapter: pays for the URL once with `@x402/fetch` 2.27 + `@x402/evm` 2.27's
 * batch-settlement client (and `exact`, v2 and v1) and prints one JSON line
 * `{success, status, body, paymentResponse}`. What the SDK throws becomes `{"success": false, …}`
 * with the message as the body (the SDK's own way to refuse).
 *
 *   node test/sdk/batch-client-cli.ts [--deposit <atomic>] [--state-dir <dir>] <url>
 *       (X402_PRIVATE_KEY, X402_RPC_URL, X402_CHAIN_ID)
 *
 * Channel records persist between runs in the SDK's `FileClientChannelStorage`, so a second run of
 * the same payer continues the channel with a voucher exactly as a long-lived client would (without
 * a record the SDK would recover from the chain, and a server holding unclaimed charges would first
 * answer a corrective 402). The directory is `--state-dir`, else `X402_BATCH_CLIENT_STATE_DIR`, else
 * `<tmpdir>/x402-conformance-batch-client/<chainId>-<rpc port>-<genesis hash>/<payer>`: the genesis
 * hash and port tell devnets apart, so a record never outlives the chain it describes.
 * Deposit: the SDK default (the server's `minDeposit` hint, else 5 × the price) unless `--deposit`.
 */
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FileClientChannelStorage } from '@x402/evm/batch-settlement/client/file-storage'
import { createPublicClient, type Hex, http } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { TargetSpec } from '../../harness/runner/fixture.ts'
import { type BatchClientChain, payWithSdkBatchClientV2 } from './batch-client.ts'
import { printOutcome, runClientCli } from './client-cli.ts'
import { devnetPayer } from './devnet-payer.ts'

/** Path of this command, for `--start` command lines. */
export const SDK_BATCH_CLIENT_CLI: string = new URL(import.meta.url).pathname

/**
 * The command line as a client-suite target (`{url}` is replaced per payment; the environment gives
 * the payer). Extra flags (e.g. `--deposit 5000`) go before the URL.
 */
export function sdkBatchClientCommand(...flags: string[]): Extract<TargetSpec, { kind: 'start' }> {
  return { kind: 'start', command: [process.execPath, SDK_BATCH_CLIENT_CLI, ...flags, '{url}'].join(' ') }
}

/** The default state directory of `privateKey`'s channel records on the devnet at `chain`. */
export async function defaultStateDir(chain: BatchClientChain, privateKey: Hex): Promise<string> {
  const genesis = await createPublicClient({ transport: http(chain.rpcUrl) }).getBlock({ blockNumber: 0n })
  const port = new URL(chain.rpcUrl).port || '80'
  const payer = privateKeyToAccount(privateKey).address.toLowerCase()
  return join(
    tmpdir(),
    'x402-conformance-batch-client',
    `${chain.chainId}-${port}-${genesis.hash.slice(2, 18)}`,
    payer,
  )
}

/** The value after `flag`, if given. */
function option(argv: readonly string[], flag: string): string | undefined {
  const index = argv.indexOf(flag)
  return index === -1 ? undefined : argv[index + 1]
}

async function main(argv: readonly string[]): Promise<void> {
  const flags = new Set(['--deposit', '--state-dir'])
  const url = argv.find((argument, index) => !argument.startsWith('--') && !flags.has(argv[index - 1] ?? ''))
  const deposit = option(argv, '--deposit')
  if (url === undefined || (deposit !== undefined && !/^[1-9]\d*$/.test(deposit)))
    throw new Error('usage: batch-client-cli.ts [--deposit <atomic>] [--state-dir <dir>] <url>')
  const { privateKey, ...chain } = devnetPayer(process.env)
  const directory =
    option(argv, '--state-dir') ??
    process.env.X402_BATCH_CLIENT_STATE_DIR ??
    (await defaultStateDir(chain, privateKey))
  const outcome = await payWithSdkBatchClientV2(url, privateKey, {
    ...chain,
    storage: new FileClientChannelStorage({ directory }),
    ...(deposit === undefined ? {} : { depositAmount: BigInt(deposit) }),
  })
  printOutcome(outcome)
}

if (import.meta.main) await runClientCli(main)
