/**
 * The devnet: anvil (through prool) with the EIP-3009 USDC and Multicall3 placed at their canonical
 * addresses, so unmodified x402 SDKs configured for the preset's network work against it offline.
 */
import { Instance } from 'prool'
import { encodeDeployData, encodeFunctionData } from 'viem'
import { multicall3Abi, multicall3Bytecode, usdcAbi, usdcBytecode } from '../../contracts/artifacts/index.ts'
import { registerProcess } from '../processes/registry.ts'
import { placeBatchSettlement } from './batch.ts'
import { anvilBinary } from './binary.ts'
import { devnetHandle, POLLING_INTERVAL_MS } from './handle.ts'
import { placeContract } from './place.ts'
import { freePort } from './ports.ts'
import { MULTICALL3_ADDRESS, type PresetName, presets } from './presets.ts'
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
    const devnet = devnetHandle(preset, `http://127.0.0.1:${port}`, stopInstance)
    await placeContracts(devnet)
    await fundDeterministicAccounts(devnet, options.usdcPerAccount ?? 1_000_000_000_000n)
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
  ])
}

/** One transaction mints to every deterministic account through Multicall3. */
async function fundDeterministicAccounts(devnet: Devnet, perAccount: bigint): Promise<void> {
  const hash = await devnet.walletClient(devnet.accounts[0]!).writeContract({
    address: MULTICALL3_ADDRESS,
    abi: multicall3Abi,
    functionName: 'aggregate3',
    args: [
      devnet.accounts.map((account) => ({
        target: devnet.usdc,
        allowFailure: false,
        callData: encodeFunctionData({
          abi: usdcAbi,
          functionName: 'mint',
          args: [account.address, perAccount],
        }),
      })),
    ],
  })
  const receipt = await devnet.publicClient.waitForTransactionReceipt({
    hash,
    pollingInterval: POLLING_INTERVAL_MS,
  })
  if (receipt.status !== 'success') throw new Error('funding the devnet accounts reverted')
}
