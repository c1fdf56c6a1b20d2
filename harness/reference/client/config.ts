/**
 * What the reference client is configured with: the DESIGN.md environment handed to a client under
 * test (`X402_PRIVATE_KEY` of a funded payer, the chain, the asset, the RPC), the protocol versions it
 * speaks and its budget.
 */
import type { Address, Hex } from 'viem'
import { getAddress } from 'viem'
import type { X402Version } from '../../wire/types.ts'

/** The reference client's default budget: 10 USDC in atomic units (a payment above it is refused). */
export const DEFAULT_CLIENT_BUDGET = 10_000_000n

/** Everything the reference client needs to pay. */
export interface ClientConfig {
  privateKey: Hex
  /** v2 network it pays on (CAIP-2), e.g. `eip155:84532`. */
  network: string
  /** v1 name of the same network, e.g. `base-sepolia`. */
  networkV1: string
  chainId: number
  /** The token it pays with (the only asset it accepts). */
  asset: Address
  /** JSON-RPC of the chain, used to check a token's EIP-712 domain before signing for it. */
  rpcUrl: string
  /** Protocol versions it speaks. */
  versions: readonly X402Version[]
  /** Largest amount (atomic units) it will sign for. */
  budget: bigint
  /** `X402_PAY_TO` from the environment (only a defective client would pay it instead of the offer's). */
  configuredPayTo?: Address
  /** Pay batch-settlement even when an exact offer is payable (`X402_CLIENT_PREFER_BATCH=1`). */
  preferBatch?: boolean
  /** batch-settlement deposits are this many times the amount (`X402_CLIENT_BATCH_DEPOSIT_MULTIPLIER`, default 10). */
  batchDepositMultiplier?: bigint
}

/** Reads the config from a DESIGN.md environment; throws naming the first missing or malformed variable. */
export function configFromEnvironment(
  environment: Readonly<Record<string, string | undefined>>,
  versions: readonly X402Version[] = [1, 2],
): ClientConfig {
  const need = (name: string): string => {
    const value = environment[name]
    if (value === undefined || value === '') throw new Error(`${name} is not set`)
    return value
  }
  const privateKey = need('X402_PRIVATE_KEY')
  if (!/^0x[0-9a-fA-F]{64}$/.test(privateKey)) throw new Error('X402_PRIVATE_KEY is not a 32-byte hex key')
  const chainId = Number(need('X402_CHAIN_ID'))
  if (!Number.isSafeInteger(chainId) || chainId <= 0) throw new Error('X402_CHAIN_ID is not a chain id')
  const budgetText = environment.X402_CLIENT_BUDGET
  if (budgetText !== undefined && !/^(0|[1-9][0-9]*)$/.test(budgetText))
    throw new Error('X402_CLIENT_BUDGET is not an atomic amount')
  const payTo = environment.X402_PAY_TO
  const multiplier = environment.X402_CLIENT_BATCH_DEPOSIT_MULTIPLIER
  if (multiplier !== undefined && !/^[1-9][0-9]*$/.test(multiplier))
    throw new Error('X402_CLIENT_BATCH_DEPOSIT_MULTIPLIER is not a positive integer')
  const prefer = environment.X402_CLIENT_PREFER_BATCH
  return {
    privateKey: privateKey as Hex,
    network: need('X402_NETWORK'),
    networkV1: need('X402_NETWORK_V1'),
    chainId,
    asset: getAddress(need('X402_ASSET').toLowerCase()),
    rpcUrl: need('X402_RPC_URL'),
    versions,
    budget: budgetText === undefined ? DEFAULT_CLIENT_BUDGET : BigInt(budgetText),
    ...(payTo !== undefined && /^0x[0-9a-fA-F]{40}$/.test(payTo)
      ? { configuredPayTo: getAddress(payTo.toLowerCase()) }
      : {}),
    ...(prefer === '1' || prefer === 'true' ? { preferBatch: true } : {}),
    ...(multiplier === undefined ? {} : { batchDepositMultiplier: BigInt(multiplier) }),
  }
}
