/**
 * Chain presets: what the devnet imitates so that unmodified SDKs configured for that network work.
 * The USDC address and its EIP-712 domain are the real ones (x402-digest §2.3, §8.1).
 */
import type { Address } from 'viem'

export interface ChainPreset {
  /** Preset name, as given to `--chain`. */
  name: 'base-sepolia' | 'base'
  chainId: number
  /** v2 network id (CAIP-2). */
  network: `eip155:${number}`
  /** v1 network name. */
  networkV1: string
  /** Canonical USDC address on that chain; the devnet places its EIP-3009 token there. */
  usdc: Address
  /** The token's EIP-712 domain name and version, which x402 puts in `extra.name` / `extra.version`. */
  eip712: { name: string; version: string }
}

export const presets = {
  'base-sepolia': {
    name: 'base-sepolia',
    chainId: 84532,
    network: 'eip155:84532',
    networkV1: 'base-sepolia',
    usdc: '0x036CbD53842c5426634e7929541eC2318f3dCF7e',
    eip712: { name: 'USDC', version: '2' },
  },
  base: {
    name: 'base',
    chainId: 8453,
    network: 'eip155:8453',
    networkV1: 'base',
    usdc: '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913',
    eip712: { name: 'USD Coin', version: '2' },
  },
} as const satisfies Record<string, ChainPreset>

export type PresetName = keyof typeof presets

/** Multicall3's canonical address, the same on every chain. */
export const MULTICALL3_ADDRESS: Address = '0xcA11bde05977b3631167028862bE2a173976CA11'

/** What each deterministic devnet account is funded with: 1,000,000 USDC in atomic units. */
export const DEFAULT_USDC_PER_ACCOUNT = 1_000_000_000_000n

/** USDC has 6 decimals everywhere x402 uses it. */
export const USDC_DECIMALS = 6

export function isPresetName(value: string): value is PresetName {
  return Object.hasOwn(presets, value)
}
