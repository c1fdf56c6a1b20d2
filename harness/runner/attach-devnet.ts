/**
 * `--rpc <url>`: a `Devnet` over a devnet that is already running (e.g. `x402-conformance devnet`), so a
 * target wired to it and the suite see the same chain. Only anvil-backed devnets with the suite's USDC
 * at the canonical address qualify (cases fund fresh accounts with `anvil_setBalance` and `mint`).
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
import { devnetAccounts, toDevnetAccount } from '../devnet/accounts.ts'
import { presets } from '../devnet/presets.ts'
import type { Devnet, DevnetAccount } from '../devnet/types.ts'
import { TargetUnavailable } from '../model/verdict.ts'
import { describeFetchError } from '../targets/reachable.ts'

const POLLING_INTERVAL_MS = 20
const DEFAULT_FUND = { usdc: 100_000_000n, eth: 10n ** 19n }

/** Connects to the devnet at `rpcUrl`; throws `TargetUnavailable` (one line) when it is not one. */
export async function attachDevnet(rpcUrl: string): Promise<Devnet> {
  const probe = createPublicClient({ transport: http(rpcUrl, { retryCount: 0, timeout: 3000 }) })
  let chainId: number
  try {
    chainId = await probe.getChainId()
  } catch (error) {
    throw new TargetUnavailable(`devnet ${rpcUrl} is unreachable: ${describeFetchError(error)}`)
  }
  const preset = Object.values(presets).find((candidate) => candidate.chainId === chainId)
  if (preset === undefined)
    throw new TargetUnavailable(`devnet ${rpcUrl} has chain id ${chainId}, no known preset`)
  const code = await probe.getCode({ address: preset.usdc })
  if (code === undefined || code === '0x')
    throw new TargetUnavailable(
      `devnet ${rpcUrl} has no USDC at ${preset.usdc} (start it with x402-conformance devnet)`,
    )

  const chain: Chain = defineChain({
    ...(preset.name === 'base' ? base : baseSepolia),
    rpcUrls: { default: { http: [rpcUrl] } },
    blockExplorers: undefined,
  })
  const transport = http(rpcUrl)
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
    const receipt = await publicClient.waitForTransactionReceipt({
      hash,
      pollingInterval: POLLING_INTERVAL_MS,
    })
    if (receipt.status !== 'success') throw new Error(`mint to ${to} reverted`)
  }
  const freshMinter = async () => {
    const minter = toDevnetAccount(generatePrivateKey())
    await testClient.setBalance({ address: minter.address, value: DEFAULT_FUND.eth })
    return minter
  }

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
      const account = toDevnetAccount(generatePrivateKey())
      await testClient.setBalance({ address: account.address, value: fund.eth ?? DEFAULT_FUND.eth })
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
      await mintFrom(await freshMinter(), to, amount)
    },
    async now() {
      const block = await publicClient.getBlock({ blockTag: 'latest' })
      const wall = BigInt(Math.floor(Date.now() / 1000))
      return block.timestamp > wall ? block.timestamp : wall
    },
    async increaseTime(seconds) {
      await testClient.increaseTime({ seconds })
      await testClient.mine({ blocks: 1 })
    },
    snapshot: () => testClient.snapshot(),
    async revert(id) {
      await testClient.revert({ id })
    },
    // Not ours to stop: it belongs to whoever started it.
    stop: async () => {},
  }
}
