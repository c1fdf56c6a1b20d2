/**
 * A `Devnet` over an anvil RPC endpoint whose chain already has the USDC at the preset's address: the
 * clients, funding, clock and snapshot operations. Used for devnets we start and ones we attach to.
 */
import {
  type Address,
  type Chain,
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  http,
} from 'viem'
import { generatePrivateKey } from 'viem/accounts'
import { base, baseSepolia } from 'viem/chains'
import { usdcAbi } from '../../contracts/artifacts/index.ts'
import { devnetAccounts, toDevnetAccount } from './accounts.ts'
import type { ChainPreset } from './presets.ts'
import { waitForReceipt } from './receipt.ts'
import type { Devnet, DevnetAccount, FundOptions } from './types.ts'

/** Local RPC answers in milliseconds; viem's default polling (seconds) would dominate every wait. */
export const POLLING_INTERVAL_MS = 20

const DEFAULT_FUND: Required<FundOptions> = { usdc: 100_000_000n, eth: 10n ** 19n }

export function devnetHandle(preset: ChainPreset, rpcUrl: string, stop: () => Promise<void>): Devnet {
  const chain = localChain(preset, rpcUrl)
  // JSON-RPC batching: requests issued together (placing contracts, funding) share one HTTP round trip.
  const transport = http(rpcUrl, { batch: true })
  const publicClient = createPublicClient({ chain, transport, pollingInterval: POLLING_INTERVAL_MS })
  const testClient = createTestClient({
    chain,
    transport,
    mode: 'anvil',
    pollingInterval: POLLING_INTERVAL_MS,
  })
  const walletClient = (account: DevnetAccount) =>
    createWalletClient({ chain, transport, account: account.account, pollingInterval: POLLING_INTERVAL_MS })

  const mintFrom = async (minter: DevnetAccount, to: Address, amount: bigint) => {
    const hash = await walletClient(minter).writeContract({
      address: preset.usdc,
      abi: usdcAbi,
      functionName: 'mint',
      args: [to, amount],
    })
    const receipt = await waitForReceipt(publicClient, hash)
    if (receipt.status !== 'success') throw new Error(`mint to ${to} reverted`)
  }
  /** A throwaway account with ETH: parallel cases never contend for one sender's nonce. */
  const freshAccount = async (eth: bigint) => {
    const account = toDevnetAccount(generatePrivateKey())
    await testClient.setBalance({ address: account.address, value: eth })
    return account
  }

  async function now(): Promise<bigint> {
    const block = await publicClient.getBlock({ blockTag: 'latest' })
    const wall = BigInt(Math.floor(Date.now() / 1000))
    return block.timestamp > wall ? block.timestamp : wall
  }

  let stopped = false
  return {
    preset,
    rpcUrl,
    chain,
    usdc: preset.usdc,
    publicClient,
    testClient,
    walletClient,
    accounts: devnetAccounts,
    async fundedAccount(fund = {}) {
      const account = await freshAccount(fund.eth ?? DEFAULT_FUND.eth)
      const usdc = fund.usdc ?? DEFAULT_FUND.usdc
      if (usdc > 0n) await mintFrom(account, account.address, usdc)
      return account
    },
    usdcBalance: (address) =>
      publicClient.readContract({
        address: preset.usdc,
        abi: usdcAbi,
        functionName: 'balanceOf',
        args: [address],
      }),
    async mint(to, amount) {
      await mintFrom(await freshAccount(DEFAULT_FUND.eth), to, amount)
    },
    now,
    async increaseTime(seconds) {
      // From the chain's own notion of now, so the step is exact even when the latest block is ahead of
      // the wall clock; anvil keeps the offset for the blocks after it.
      const target = (await now()) + BigInt(seconds)
      await testClient.setNextBlockTimestamp({ timestamp: target })
      await testClient.mine({ blocks: 1 })
    },
    snapshot: () => testClient.snapshot(),
    async revert(id) {
      await testClient.revert({ id })
    },
    async stop() {
      if (stopped) return
      stopped = true
      await stop()
    },
  }
}

/** The preset's viem chain with its RPC pointing at the local node only. */
function localChain(preset: ChainPreset, rpcUrl: string): Chain {
  return defineChain({
    ...(preset.name === 'base' ? base : baseSepolia),
    rpcUrls: { default: { http: [rpcUrl] } },
    blockExplorers: undefined,
  })
}
