/**
 * The payer and chain of one payment as the client contract hands them to a client (X402_PRIVATE_KEY,
 * X402_RPC_URL, X402_CHAIN_ID), read the same way by every SDK client command and target.
 */
import { type Chain, defineChain, type Hex } from 'viem'

/** Where a client reads the chain (the devnet's RPC only). */
export interface DevnetChain {
  rpcUrl: string
  chainId: number
}

/** The payer's key and the devnet it pays on. */
export interface DevnetPayer extends DevnetChain {
  privateKey: Hex
}

/** The payer and chain `environment` gives; throws when one of them is missing. */
export function devnetPayer(environment: Readonly<Record<string, string | undefined>>): DevnetPayer {
  const privateKey = environment.X402_PRIVATE_KEY as Hex | undefined
  const rpcUrl = environment.X402_RPC_URL
  const chainId = Number(environment.X402_CHAIN_ID)
  if (privateKey === undefined || rpcUrl === undefined || !Number.isSafeInteger(chainId))
    throw new Error('X402_PRIVATE_KEY, X402_RPC_URL and X402_CHAIN_ID must be set')
  return { privateKey, rpcUrl, chainId }
}

/** The devnet as a viem chain whose only RPC is `rpcUrl`. */
export function devnetChain(chain: DevnetChain): Chain {
  return defineChain({
    id: chain.chainId,
    name: `devnet ${chain.chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [chain.rpcUrl] } },
  })
}
