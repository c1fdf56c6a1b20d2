/**
 * What Permit2 verification reads from the chain, concurrently (the devnet's transport batches them
 * into one round trip): the payer's code, its allowance to Permit2 and balance of the token, the
 * Permit2 nonce word, the block time, the signature check (ecrecover off chain for an EOA, ERC-1271 for
 * a wallet with code) and, when asked, the simulated proxy settlement from the facilitator's signer.
 */
import { type Address, getAddress, type Hex, hashTypedData, parseAbi, recoverTypedDataAddress } from 'viem'
import { PERMIT2_ADDRESS } from '../../devnet/permit2-addresses.ts'
import type { Permit2TypedData } from '../../schemes/exact-permit2-evm/index.ts'
import { ERC1271_MAGIC_VALUE, erc1271Abi } from '../abi.ts'
import type { FacilitatorContext } from '../config.ts'
import { isTransportFailure } from '../revert.ts'

/** ERC-20 reads and Permit2's nonce bitmap: the standard interfaces, so any ERC-20 works. */
export const permit2ReadAbi = parseAbi([
  'function allowance(address owner, address spender) view returns (uint256)',
  'function balanceOf(address account) view returns (uint256)',
  'function nonceBitmap(address owner, uint256 wordPosition) view returns (uint256)',
  'event Transfer(address indexed from, address indexed to, uint256 value)',
])

/** The chain's view of one Permit2 authorization. */
export interface Permit2ChainState {
  assetHasCode: boolean
  signatureValid: boolean
  allowance: bigint
  balance: bigint
  nonceUsed: boolean
  blockTimestamp: bigint
  /** Undefined when the simulation succeeded or was not asked for; else what the node said. */
  simulationError?: string
}

/** What to read for one authorization. */
export interface Permit2Query {
  from: Address
  asset: Address
  nonce: bigint
  typedData: Permit2TypedData
  signature: Hex
  /** A proxy call to simulate from the signer. */
  simulate?: { to: Address; data: Hex }
}

/** Reads the chain state of one authorization. Throws when the RPC fails (not when a contract refuses). */
export async function readPermit2State(
  context: FacilitatorContext,
  query: Permit2Query,
): Promise<Permit2ChainState> {
  const client = context.publicClient
  const read = <T>(promise: Promise<T>, fallback: T): Promise<T> =>
    promise.catch((error: unknown) => {
      if (isTransportFailure(error)) throw error
      return fallback
    })
  const [payerCode, assetCode, allowance, balance, word, block, simulationError] = await Promise.all([
    client.getCode({ address: query.from }),
    client.getCode({ address: query.asset }),
    read(
      client.readContract({
        address: query.asset,
        abi: permit2ReadAbi,
        functionName: 'allowance',
        args: [query.from, PERMIT2_ADDRESS],
      }),
      0n,
    ),
    read(
      client.readContract({
        address: query.asset,
        abi: permit2ReadAbi,
        functionName: 'balanceOf',
        args: [query.from],
      }),
      0n,
    ),
    read(
      client.readContract({
        address: PERMIT2_ADDRESS,
        abi: permit2ReadAbi,
        functionName: 'nonceBitmap',
        args: [query.from, query.nonce >> 8n],
      }),
      0n,
    ),
    client.getBlock({ blockTag: 'latest' }),
    query.simulate ? simulate(context, query.simulate) : Promise.resolve(undefined),
  ])
  const hasCode = payerCode !== undefined && payerCode !== '0x'
  return {
    assetHasCode: assetCode !== undefined && assetCode !== '0x',
    signatureValid: await signatureValid(context, query, hasCode),
    allowance,
    balance,
    nonceUsed: ((word >> (query.nonce & 0xffn)) & 1n) === 1n,
    blockTimestamp: block.timestamp,
    ...(simulationError === undefined ? {} : { simulationError }),
  }
}

async function signatureValid(
  context: FacilitatorContext,
  query: Permit2Query,
  hasCode: boolean,
): Promise<boolean> {
  if (!hasCode) {
    try {
      const signer = await recoverTypedDataAddress({ ...query.typedData, signature: query.signature })
      return getAddress(signer) === getAddress(query.from)
    } catch {
      return false
    }
  }
  // A wallet with code: Permit2 asks it through ERC-1271 for the same digest.
  try {
    const magic = await context.publicClient.readContract({
      address: query.from,
      abi: erc1271Abi,
      functionName: 'isValidSignature',
      args: [hashTypedData(query.typedData), query.signature],
    })
    return magic === ERC1271_MAGIC_VALUE
  } catch (error) {
    if (isTransportFailure(error)) throw error
    return false
  }
}

async function simulate(
  context: FacilitatorContext,
  call: { to: Address; data: Hex },
): Promise<string | undefined> {
  try {
    await context.publicClient.call({ account: context.signer, to: call.to, data: call.data })
    return undefined
  } catch (error) {
    if (isTransportFailure(error)) throw error
    return error instanceof Error ? (error.message.split('\n')[0] ?? 'reverted') : String(error)
  }
}
