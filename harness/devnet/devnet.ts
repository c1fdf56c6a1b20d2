/**
 * The devnet: anvil (through prool) with the EIP-3009 USDC and Multicall3 placed at their canonical
 * addresses, so unmodified x402 SDKs configured for the preset's network work against it offline.
 */
import { Instance } from 'prool'
import {
  type Address,
  type Chain,
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  encodeDeployData,
  encodeFunctionData,
  type Hex,
  http,
} from 'viem'
import { generatePrivateKey } from 'viem/accounts'
import { base, baseSepolia } from 'viem/chains'
import { multicall3Abi, multicall3Bytecode, usdcAbi, usdcBytecode } from '../../contracts/artifacts/index.ts'
import { registerProcess } from '../processes/registry.ts'
import { devnetAccounts, toDevnetAccount } from './accounts.ts'
import { anvilBinary } from './binary.ts'
import { freePort } from './ports.ts'
import { MULTICALL3_ADDRESS, type PresetName, presets } from './presets.ts'
import type { Devnet, DevnetAccount, FundOptions } from './types.ts'

export interface StartDevnetOptions {
  /** Which chain to imitate. Default `base-sepolia`. */
  preset?: PresetName
  /** RPC port on 127.0.0.1. Default: a free port. */
  port?: number
  /** USDC minted to each deterministic account, atomic units. Default 1,000,000 USDC. */
  usdcPerAccount?: bigint
}

const DEFAULT_FUND: Required<FundOptions> = { usdc: 100_000_000n, eth: 10n ** 19n }
/** Local RPC answers in milliseconds; viem's default polling (seconds) would dominate every wait. */
const POLLING_INTERVAL_MS = 20

/** Boots a devnet and returns once USDC, Multicall3 and the funded accounts are in place. */
export async function startDevnet(options: StartDevnetOptions = {}): Promise<Devnet> {
  const preset = presets[options.preset ?? 'base-sepolia']
  const port = options.port ?? (await freePort())
  const instance = Instance.anvil({
    binary: anvilBinary(),
    host: '127.0.0.1',
    port,
    chainId: preset.chainId,
  })
  let unregister: (() => void) | undefined
  const stopInstance = async () => {
    await instance.stop().catch(() => {})
    unregister?.()
  }
  try {
    await instance.start()
  } catch (error) {
    await stopInstance()
    throw new Error(`anvil did not start on 127.0.0.1:${port}: ${String(error).trim()}`)
  }
  const pid = instance._internal.process?.pid
  if (pid !== undefined) unregister = registerProcess(pid, `anvil:${port}`, stopInstance)

  try {
    const rpcUrl = `http://127.0.0.1:${port}`
    const chain = localChain(preset.name, rpcUrl)
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

    // Constructor-fixed values (the EIP-712 domain) live in the runtime code, so we only need the code:
    // an eth_call of the creation code returns it, and no deployment transaction is mined.
    const runtimeCode = async (data: Hex): Promise<Hex> => {
      const { data: code } = await publicClient.call({ data })
      if (!code || code === '0x') throw new Error('contract creation returned no code')
      return code
    }
    const [usdcCode, multicallCode] = await Promise.all([
      runtimeCode(
        encodeDeployData({
          abi: usdcAbi,
          bytecode: usdcBytecode,
          args: [preset.eip712.name, preset.eip712.version],
        }),
      ),
      runtimeCode(multicall3Bytecode),
    ])
    await Promise.all([
      testClient.setCode({ address: preset.usdc, bytecode: usdcCode }),
      testClient.setCode({ address: MULTICALL3_ADDRESS, bytecode: multicallCode }),
    ])

    // One transaction mints to every deterministic account through Multicall3.
    const perAccount = options.usdcPerAccount ?? 1_000_000_000_000n
    const deployer = devnetAccounts[0]!
    const hash = await walletClient(deployer).writeContract({
      address: MULTICALL3_ADDRESS,
      abi: multicall3Abi,
      functionName: 'aggregate3',
      args: [
        devnetAccounts.map((account) => ({
          target: preset.usdc,
          allowFailure: false,
          callData: encodeFunctionData({
            abi: usdcAbi,
            functionName: 'mint',
            args: [account.address, perAccount],
          }),
        })),
      ],
    })
    await publicClient.waitForTransactionReceipt({ hash, pollingInterval: POLLING_INTERVAL_MS })

    const usdcBalance = (address: Address) =>
      publicClient.readContract({
        address: preset.usdc,
        abi: usdcAbi,
        functionName: 'balanceOf',
        args: [address],
      })

    const mintFrom = async (minter: DevnetAccount, to: Address, amount: bigint) => {
      const tx = await walletClient(minter).writeContract({
        address: preset.usdc,
        abi: usdcAbi,
        functionName: 'mint',
        args: [to, amount],
      })
      const receipt = await publicClient.waitForTransactionReceipt({
        hash: tx,
        pollingInterval: POLLING_INTERVAL_MS,
      })
      if (receipt.status !== 'success') throw new Error(`mint to ${to} reverted`)
    }

    let stopped = false
    const devnet: Devnet = {
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
        const eth = fund.eth ?? DEFAULT_FUND.eth
        const usdc = fund.usdc ?? DEFAULT_FUND.usdc
        await testClient.setBalance({ address: account.address, value: eth })
        // The new account mints to itself, so parallel cases never contend for one sender's nonce.
        if (usdc > 0n) await mintFrom(account, account.address, usdc)
        return account
      },
      usdcBalance,
      async mint(to, amount) {
        const minter = toDevnetAccount(generatePrivateKey())
        await testClient.setBalance({ address: minter.address, value: DEFAULT_FUND.eth })
        await mintFrom(minter, to, amount)
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
      async stop() {
        if (stopped) return
        stopped = true
        await stopInstance()
      },
    }
    return devnet
  } catch (error) {
    await stopInstance()
    throw error
  }
}

/** The preset's viem chain with its RPC pointing at the local node only. */
function localChain(name: PresetName, rpcUrl: string): Chain {
  const upstream = name === 'base' ? base : baseSepolia
  return defineChain({
    ...upstream,
    rpcUrls: { default: { http: [rpcUrl] } },
    blockExplorers: undefined,
  })
}
