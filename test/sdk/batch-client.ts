/**
 * The real published `batch-settlement` paying client: `@x402/fetch` 2.27 with `@x402/evm` 2.27's
 * `BatchSettlementEvmScheme` (client side) registered for every EVM network, and `exact` (v2 and v1)
 * registered next to it, so the same client pays either scheme. Its viem client reads the devnet only.
 *
 * Wiring choices (what the SDK leaves to the integrator):
 * - deposit sizing: the SDK default unless `depositAmount` is given. The default is the server's
 *   announced `extra.minDeposit` when it is a valid integer ≥ the price (the SDK server announces
 *   10 × the price), else 5 × the price (`depositMultiplier`), never less than the voucher needs, and
 *   capped at 5 × the spend cap (`spendControls.maxAmountPerPayment`, $1 by default);
 * - channel state: `InMemoryClientChannelStorage` unless `storage` is given (the CLI passes the SDK's
 *   `FileClientChannelStorage`). A client without a record recovers from the chain (the SDK reads
 *   `channels(channelId)` and takes `chargedCumulativeAmount = totalClaimed`), so a cold start still
 *   continues a channel, through a corrective 402 when the server holds unclaimed charges.
 */
import { toClientEvmSigner } from '@x402/evm'
import { BatchSettlementEvmScheme, type ClientChannelStorage } from '@x402/evm/batch-settlement/client'
import { registerExactEvmScheme } from '@x402/evm/exact/client'
import { decodePaymentResponseHeader, wrapFetchWithPayment, x402Client } from '@x402/fetch'
import { createPublicClient, type Hex, http } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { TargetSpec } from '../../harness/runner/fixture.ts'
import { type ClientOutcome, paidOutcome } from './clients.ts'
import { type DevnetChain, devnetChain, devnetPayer } from './devnet-payer.ts'

/** Where the client reads the chain (the devnet's RPC only). */
export type BatchClientChain = DevnetChain

/** Options of {@link createSdkBatchClient}. */
export interface BatchClientOptions extends BatchClientChain {
  /** Channel records; default the SDK's in-memory storage (lost with the process). */
  storage?: ClientChannelStorage
  /** Deposit exactly this many atomic units (through the SDK's `depositStrategy`); default: SDK sizing. */
  depositAmount?: bigint
  /** The fetch the SDK wraps (e.g. one that records every exchange); default the global fetch. */
  fetch?: typeof fetch
}

/** One SDK client (one payer, one channel storage) that can pay many times. */
export interface SdkBatchClient {
  /** The payer's address. */
  payer: `0x${string}`
  /** The SDK scheme instance (for `refund(url)` or reading its channel records). */
  scheme: BatchSettlementEvmScheme
  /** Pays for `url` once (GET) and reports the outcome (DESIGN.md client contract). */
  pay(url: string): Promise<ClientOutcome>
}

/** Builds an SDK client for `privateKey` with the batch-settlement and exact schemes registered. */
export function createSdkBatchClient(privateKey: Hex, options: BatchClientOptions): SdkBatchClient {
  const account = privateKeyToAccount(privateKey)
  const publicClient = createPublicClient({ chain: devnetChain(options), transport: http(options.rpcUrl) })
  // The SDK's reader type is loosely typed; viem's readContract is generic over the ABI.
  const signer = toClientEvmSigner(
    account,
    publicClient as unknown as Parameters<typeof toClientEvmSigner>[1],
  )
  const fixedDeposit = options.depositAmount
  const scheme = new BatchSettlementEvmScheme(signer, {
    ...(options.storage ? { storage: options.storage } : {}),
    ...(fixedDeposit === undefined
      ? {}
      : {
          // Never below what the voucher needs (the SDK refuses that), otherwise exactly the given sum.
          depositStrategy: ({ minimumDepositAmount }) =>
            fixedDeposit > BigInt(minimumDepositAmount) ? fixedDeposit : BigInt(minimumDepositAmount),
        }),
  })
  const client = new x402Client()
  registerExactEvmScheme(client, { signer: account })
  client.register('eip155:*', scheme)
  const fetchWithPayment = wrapFetchWithPayment(options.fetch ?? fetch, client)
  return {
    payer: account.address,
    scheme,
    async pay(url) {
      const response = await fetchWithPayment(url, { method: 'GET' })
      const header = response.headers.get('PAYMENT-RESPONSE') ?? response.headers.get('X-PAYMENT-RESPONSE')
      return paidOutcome(response, header, decodePaymentResponseHeader)
    },
  }
}

/** Pays for `url` once with a fresh SDK batch client (in-memory channel records unless `storage`). */
export async function payWithSdkBatchClientV2(
  url: string,
  privateKey: Hex,
  options: BatchClientOptions,
): Promise<ClientOutcome> {
  return createSdkBatchClient(privateKey, options).pay(url)
}

/** The SDK batch client's label as a target. */
export const SDK_BATCH_CLIENT = '@x402/fetch 2.27.0 + @x402/evm batch-settlement'

/**
 * The SDK batch client as an in-process target of the client suite: one SDK client (and one in-memory
 * channel storage) per payer key for the target's lifetime, so a payer's later payments continue its
 * channel with vouchers, as a long-lived client does. `X402_RPC_URL` / `X402_CHAIN_ID` come from the
 * environment of each payment.
 */
export function sdkBatchClientTarget(): Extract<TargetSpec, { kind: 'in-process' }> {
  return {
    kind: 'in-process',
    label: SDK_BATCH_CLIENT,
    async create() {
      const clients = new Map<string, SdkBatchClient>()
      return {
        async pay(url, environment) {
          const { privateKey, rpcUrl, chainId } = devnetPayer(environment)
          const key = `${rpcUrl}|${privateKey}`
          let client = clients.get(key)
          if (client === undefined) {
            client = createSdkBatchClient(privateKey, { rpcUrl, chainId })
            clients.set(key, client)
          }
          return client.pay(url)
        },
        async stop() {
          clients.clear()
        },
      }
    },
  }
}
