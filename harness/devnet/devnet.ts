/**
 * The devnet: anvil (through prool) with the EIP-3009 USDC and Multicall3 placed at their canonical
 * addresses, so unmodified x402 SDKs configured for the preset's network work against it offline.
 */
import { Instance } from 'prool'
import { type Address, encodeAbiParameters, encodeDeployData, keccak256, toHex } from 'viem'
import { multicall3Bytecode, usdcAbi, usdcBytecode } from '../../contracts/artifacts/index.ts'
import { registerProcess } from '../processes/registry.ts'
import { placeBatchSettlement } from './batch.ts'
import { anvilBinary } from './binary.ts'
import { placeFeeToken } from './fee-token.ts'
import { devnetHandle } from './handle.ts'
import { placePermit2 } from './permit2.ts'
import { placeContract } from './place.ts'
import { freePort } from './ports.ts'
import { prebuiltKey, readPrebuilt, savePrebuilt } from './prebuilt.ts'
import { DEFAULT_USDC_PER_ACCOUNT, MULTICALL3_ADDRESS, type PresetName, presets } from './presets.ts'
import type { Devnet } from './types.ts'

export interface StartDevnetOptions {
  /** Which chain to imitate. Default `base-sepolia`. */
  preset?: PresetName
  /** RPC port on 127.0.0.1. Default: a free port. */
  port?: number
  /** USDC minted to each deterministic account, atomic units. Default 1,000,000 USDC. */
  usdcPerAccount?: bigint
}

/** Boots a devnet and returns once USDC, Multicall3 and the funded accounts are in place. */
export async function startDevnet(options: StartDevnetOptions = {}): Promise<Devnet> {
  const preset = presets[options.preset ?? 'base-sepolia']
  const port = options.port ?? (await freePort())
  const usdcPerAccount = options.usdcPerAccount ?? DEFAULT_USDC_PER_ACCOUNT
  const binary = anvilBinary()
  const key = prebuiltKey(preset.name, usdcPerAccount, binary)
  const prebuilt = readPrebuilt(key)
  const instance = Instance.anvil({
    binary,
    host: '127.0.0.1',
    port,
    chainId: preset.chainId,
    // Keep only recent states, in memory: by default anvil writes every older state to
    // ~/.foundry/anvil/tmp (megabytes a block, never removed), which filled a 100 GB disk in a day of runs.
    pruneHistory: 64,
    ...(prebuilt ? { loadState: prebuilt.stateFile } : {}),
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
    const devnet = devnetHandle(preset, `http://127.0.0.1:${port}`, stopInstance)
    if (!prebuilt) {
      await placeContracts(devnet)
      await fundDeterministicAccounts(devnet, usdcPerAccount)
      await savePrebuilt(key, devnet.rpcUrl, devnet.accounts)
    }
    // Nothing was mined while setting up: a first block gives `latest` (where eth_call simulates) today's
    // timestamp instead of the genesis block's.
    await devnet.testClient.mine({ blocks: 1 })
    return devnet
  } catch (error) {
    await stopInstance()
    throw error
  }
}

/** USDC (with the preset's EIP-712 domain) and Multicall3 at their canonical addresses. */
async function placeContracts(devnet: Devnet): Promise<void> {
  const { preset } = devnet
  const usdc = encodeDeployData({
    abi: usdcAbi,
    bytecode: usdcBytecode,
    args: [preset.eip712.name, preset.eip712.version],
  })
  await Promise.all([
    placeContract(devnet, preset.usdc, usdc, 'Usdc'),
    placeContract(devnet, MULTICALL3_ADDRESS, multicall3Bytecode, 'Multicall3'),
    placeBatchSettlement(devnet),
    placeFeeToken(devnet),
    placePermit2(devnet),
  ])
}

/**
 * Credits every deterministic account by writing the token's storage directly: no transaction, so the
 * devnet is ready a block earlier. The slots are OpenZeppelin ERC20's (`_balances` at slot 0,
 * `_totalSupply` at slot 2, per `forge inspect Usdc storageLayout`); test/devnet checks balanceOf and
 * totalSupply, so a layout change cannot go unnoticed.
 */
async function fundDeterministicAccounts(devnet: Devnet, perAccount: bigint): Promise<void> {
  const word = (value: bigint) => toHex(value, { size: 32 })
  const balanceSlot = (account: Address) =>
    keccak256(encodeAbiParameters([{ type: 'address' }, { type: 'uint256' }], [account, USDC_BALANCES_SLOT]))
  await Promise.all([
    ...devnet.accounts.map((account) =>
      devnet.testClient.setStorageAt({
        address: devnet.usdc,
        index: balanceSlot(account.address),
        value: word(perAccount),
      }),
    ),
    devnet.testClient.setStorageAt({
      address: devnet.usdc,
      index: word(USDC_TOTAL_SUPPLY_SLOT),
      value: word(perAccount * BigInt(devnet.accounts.length)),
    }),
  ])
}

const USDC_BALANCES_SLOT = 0n
const USDC_TOTAL_SUPPLY_SLOT = 2n
