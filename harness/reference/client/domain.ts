/**
 * Before signing, the reference client checks that the EIP-712 domain the offer names (`extra.name`,
 * `extra.version`, the network's chain id, `asset`) is the token's own: it compares the token's
 * `DOMAIN_SEPARATOR()` with the hash of that domain. A signature under any other domain can never
 * settle, so the client refuses to sign it.
 */
import { type Address, createPublicClient, type Hex, hashDomain, http, parseAbi } from 'viem'
import type { Eip3009Domain } from '../../schemes/exact-evm/eip3009.ts'

const domainSeparatorAbi = parseAbi(['function DOMAIN_SEPARATOR() view returns (bytes32)'])

const domainTypes = [
  { name: 'name', type: 'string' },
  { name: 'version', type: 'string' },
  { name: 'chainId', type: 'uint256' },
  { name: 'verifyingContract', type: 'address' },
] as const

/** Reads and caches tokens' domain separators over one RPC endpoint. */
export interface DomainChecker {
  /** Whether `domain` is the token's own (its `DOMAIN_SEPARATOR()` equals the domain's hash). */
  matches(domain: Eip3009Domain): Promise<boolean>
}

const checkers = new Map<string, DomainChecker>()

/** The checker for `rpcUrl` (one per endpoint and process, so in-process runs share the cache). */
export function domainChecker(rpcUrl: string): DomainChecker {
  let checker = checkers.get(rpcUrl)
  if (checker === undefined) {
    checker = createDomainChecker(rpcUrl)
    checkers.set(rpcUrl, checker)
  }
  return checker
}

function createDomainChecker(rpcUrl: string): DomainChecker {
  const client = createPublicClient({ transport: http(rpcUrl, { retryCount: 0 }) })
  const separators = new Map<string, Promise<Hex | undefined>>()
  const separatorOf = (token: Address): Promise<Hex | undefined> => {
    const key = token.toLowerCase()
    let separator = separators.get(key)
    if (separator === undefined) {
      separator = client
        .readContract({ address: token, abi: domainSeparatorAbi, functionName: 'DOMAIN_SEPARATOR' })
        .catch(() => {
          separators.delete(key) // a failed read is retried next time, not remembered
          return undefined
        })
      separators.set(key, separator)
    }
    return separator
  }
  return {
    async matches(domain) {
      const onChain = await separatorOf(domain.verifyingContract)
      if (onChain === undefined) return false
      const expected = hashDomain({
        domain: { ...domain, chainId: BigInt(domain.chainId) },
        types: { EIP712Domain: domainTypes },
      })
      return onChain.toLowerCase() === expected.toLowerCase()
    },
  }
}
