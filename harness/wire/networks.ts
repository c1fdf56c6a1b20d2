/**
 * Network ids: v1 plain names (`base-sepolia`), v2 CAIP-2 ids (`eip155:84532`) and EVM chain ids.
 * The v1 name list is @x402/evm 2.27's `EVM_NETWORK_CHAIN_ID_MAP` (x402-digest §1.7, which misses `celo` and
 * `flare`; a unit test keeps the table equal to the package's) plus the two Solana names.
 */

/** v1 EVM network name → chain id (@x402/evm `EVM_NETWORK_CHAIN_ID_MAP`). */
export const EVM_CHAIN_IDS_V1: Readonly<Record<string, number>> = Object.freeze({
  ethereum: 1,
  sepolia: 11155111,
  abstract: 2741,
  'abstract-testnet': 11124,
  'base-sepolia': 84532,
  base: 8453,
  'avalanche-fuji': 43113,
  avalanche: 43114,
  iotex: 4689,
  sei: 1329,
  'sei-testnet': 1328,
  polygon: 137,
  'polygon-amoy': 80002,
  peaq: 3338,
  story: 1514,
  educhain: 41923,
  'skale-base-sepolia': 324705682,
  megaeth: 4326,
  monad: 143,
  stable: 988,
  'stable-testnet': 2201,
  celo: 42220,
  flare: 14,
})

/** v1 names of non-EVM networks → their CAIP-2 ids (x402-digest §1.1). */
export const NON_EVM_NETWORKS_V1: Readonly<Record<string, string>> = Object.freeze({
  solana: 'solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp',
  'solana-devnet': 'solana:EtWTRABZaYq6iMfeYKouRu166VU2xqa1',
})

/** A parsed CAIP-2 id. */
export interface Caip2 {
  namespace: string
  reference: string
}

/** CAIP-2: namespace `[-a-z0-9]{3,8}`, reference `[-_a-zA-Z0-9]{1,32}`. */
export const CAIP2_PATTERN: RegExp = /^[-a-z0-9]{3,8}:[-_a-zA-Z0-9]{1,32}$/

/** An EIP-155 reference is a chain id in decimal without leading zeros. */
const EIP155_REFERENCE = /^[1-9][0-9]*$/

/** Parses a CAIP-2 id; `undefined` when the shape is wrong (including `eip155:` with a non-decimal id). */
export function parseCaip2(network: string): Caip2 | undefined {
  if (!CAIP2_PATTERN.test(network)) return undefined
  const colon = network.indexOf(':')
  const namespace = network.slice(0, colon)
  const reference = network.slice(colon + 1)
  if (namespace === 'eip155' && !isChainIdText(reference)) return undefined
  return { namespace, reference }
}

function isChainIdText(reference: string): boolean {
  return EIP155_REFERENCE.test(reference) && Number.isSafeInteger(Number(reference))
}

/** The chain id of an `eip155:<decimal>` network, else `undefined` (like @x402/evm `getEvmChainId`). */
export function chainIdFromCaip2(network: string): number | undefined {
  const parsed = parseCaip2(network)
  return parsed?.namespace === 'eip155' ? Number(parsed.reference) : undefined
}

/** The CAIP-2 id of an EVM chain id. */
export function caip2FromChainId(chainId: number | bigint): `eip155:${number}` {
  const id = Number(chainId)
  if (!Number.isSafeInteger(id) || id <= 0) throw new RangeError(`not a chain id: ${chainId}`)
  return `eip155:${id}`
}

/** The chain id of a v1 EVM network name, else `undefined`. */
export function chainIdFromV1Name(name: string): number | undefined {
  return Object.hasOwn(EVM_CHAIN_IDS_V1, name) ? EVM_CHAIN_IDS_V1[name] : undefined
}

/** The v1 name of an EVM chain id, else `undefined`. */
export function v1NameFromChainId(chainId: number | bigint): string | undefined {
  const id = Number(chainId)
  for (const [name, known] of Object.entries(EVM_CHAIN_IDS_V1)) if (known === id) return name
  return undefined
}

/** v1 name → CAIP-2 (EVM and Solana), else `undefined`. */
export function caip2FromV1Name(name: string): string | undefined {
  const chainId = chainIdFromV1Name(name)
  if (chainId !== undefined) return caip2FromChainId(chainId)
  return Object.hasOwn(NON_EVM_NETWORKS_V1, name) ? NON_EVM_NETWORKS_V1[name] : undefined
}

/** CAIP-2 → v1 name (EVM and Solana), else `undefined`. */
export function v1NameFromCaip2(network: string): string | undefined {
  const chainId = chainIdFromCaip2(network)
  if (chainId !== undefined) return v1NameFromChainId(chainId)
  for (const [name, id] of Object.entries(NON_EVM_NETWORKS_V1)) if (id === network) return name
  return undefined
}

/** The EVM chain id of a network given either way (v1 name or CAIP-2), else `undefined`. */
export function chainIdOfNetwork(network: string): number | undefined {
  return network.includes(':') ? chainIdFromCaip2(network) : chainIdFromV1Name(network)
}

/** Whether a network (v1 name or CAIP-2) is an EVM chain the suite can put addresses and EIP-3009 on. */
export function isEvmNetwork(network: string): boolean {
  return chainIdOfNetwork(network) !== undefined
}
