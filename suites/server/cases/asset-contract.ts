/**
 * What an EIP-3009 `exact` offer's asset must be (RS-43): a contract on the offer's network that a
 * client can sign `transferWithAuthorization` for. A black box cannot prove the whole interface, so the
 * case asks the two things a payer's wallet and a facilitator rely on first: the address has code,
 * and it answers EIP-3009's `authorizationState(authorizer, nonce)` view. Offers that name another
 * transfer method (Permit2) and offers on other chains are left to the cases of those methods.
 */
import { type Address, isAddress, zeroHash } from 'viem'
import { check, show, skip } from '../../../harness/model/expect.ts'
import { tokenAbi } from '../../../harness/oracle/index.ts'
import { chainIdOfNetwork } from '../../../harness/wire/networks.ts'
import { serverCase } from '../case.ts'
import type { ServerContext } from '../context.ts'
import { specOf } from '../spec.ts'

/** The accepts entries of the challenge read at setup, whatever their shape. */
function offersOf(context: ServerContext): Record<string, unknown>[] {
  const accepts = (context.challenge as { accepts?: unknown } | undefined)?.accepts
  return Array.isArray(accepts)
    ? accepts.filter((entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null)
    : []
}

/** An exact offer paid by EIP-3009: no transfer method named, or `eip3009` (the mechanism default). */
function isEip3009Exact(entry: Record<string, unknown>): boolean {
  const method = (entry.extra as { assetTransferMethod?: unknown } | undefined)?.assetTransferMethod
  return entry.scheme === 'exact' && (method === undefined || method === 'eip3009')
}

export const assetContractCases = [
  serverCase({
    id: 'server.challenge.asset-contract',
    title:
      "An EIP-3009 exact offer's asset is a token contract that answers EIP-3009, and payTo is an address",
    requirements: ['RS-43'],
    needs: ['chain'],
    async run(context) {
      const offers = offersOf(context).filter(
        (entry) =>
          isEip3009Exact(entry) &&
          typeof entry.network === 'string' &&
          chainIdOfNetwork(entry.network) === context.devnet.preset.chainId,
      )
      if (offers.length === 0)
        skip("the challenge has no EIP-3009 exact offer on the devnet's chain, so no asset to look up")
      const client = context.devnet.publicClient
      for (const [index, entry] of offers.entries()) {
        const where = `accepts entry ${index} (${show(entry.asset)})`
        for (const [field, expected] of [
          ['payTo', 'a 20-byte hex address'],
          ['asset', 'a token contract address'],
        ] as const) {
          const value = entry[field]
          check(typeof value === 'string' && isAddress(value), `${where}: ${field} is not an EVM address`, {
            expected,
            seen: show(value),
            spec: specOf('RS-43'),
          })
        }
        const asset = entry.asset as Address
        const code = await client.getCode({ address: asset })
        check(code !== undefined && code !== '0x', `${where}: no contract at the asset address`, {
          expected: `contract code at ${asset} on ${String(entry.network)}`,
          seen: 'no code',
          spec: specOf('RS-43'),
        })
        let answered: string
        try {
          const used = await client.readContract({
            address: asset,
            abi: tokenAbi,
            functionName: 'authorizationState',
            args: [asset, zeroHash],
          })
          answered = String(used)
        } catch (error) {
          answered = `reverted: ${(error as Error).message.split('\n')[0]}`
        }
        check(
          answered === 'false' || answered === 'true',
          `${where}: the asset does not implement EIP-3009`,
          {
            expected: 'authorizationState(address, bytes32) answers a bool (an EIP-3009 token)',
            seen: answered,
            spec: specOf('RS-43'),
          },
        )
      }
    },
  }),
]
