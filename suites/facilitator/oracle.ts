/**
 * The chain as the facilitator suite's oracle: token balances before and after, the settlement
 * transaction's receipt and the Transfer events in it, and EIP-3009 `authorizationState`. Everything
 * read is recorded as evidence. (A shared chain oracle for all suites is planned in harness/oracle; this
 * is the facilitator suite's own until it lands.)
 */
import { type Address, type Hash, type Hex, parseEventLogs, type TransactionReceipt } from 'viem'
import { usdcAbi } from '../../contracts/artifacts/index.ts'
import type { Devnet } from '../../harness/devnet/types.ts'
import type { EvidenceRecorder } from '../../harness/model/evidence.ts'

/** A token transfer decoded from a receipt. */
export interface TokenTransfer {
  token: Address
  from: Address
  to: Address
  value: bigint
}

/** A settlement transaction as the chain has it. */
export interface MinedTransaction {
  hash: Hash
  receipt: TransactionReceipt
  /** Transfers of the devnet's USDC in the receipt. */
  transfers: TokenTransfer[]
}

/** Balances taken at one moment, to compare with later. */
export interface BalanceWatch {
  /** Reads the balances again, records them as evidence and returns the change per label. */
  deltas(): Promise<Record<string, bigint>>
}

/** What the facilitator cases read from the chain. */
export interface ChainOracle {
  /** USDC balances of the labelled addresses now; `deltas()` later says what moved. */
  watch(addresses: Record<string, Address>): Promise<BalanceWatch>
  /** Native (gas) balance of an address. */
  nativeBalance(address: Address): Promise<bigint>
  /**
   * The mined transaction `hash` (waits briefly for its receipt); `undefined` when the chain has no
   * such transaction. Recorded as evidence with its token transfers.
   */
  transaction(hash: Hash, label?: string): Promise<MinedTransaction | undefined>
  /** EIP-3009 `authorizationState(authorizer, nonce)`: true once used or cancelled. */
  authorizationUsed(authorizer: Address, nonce: Hex): Promise<boolean>
}

const RECEIPT_TIMEOUT_MS = 5_000

/** The chain oracle of one case. */
export function chainOracle(devnet: Devnet, evidence: EvidenceRecorder): ChainOracle {
  const client = devnet.publicClient
  const readAll = (addresses: Record<string, Address>) =>
    Promise.all(Object.values(addresses).map((address) => devnet.usdcBalance(address)))
  return {
    async watch(addresses) {
      const before = await readAll(addresses)
      return {
        async deltas() {
          const after = await readAll(addresses)
          const deltas: Record<string, bigint> = {}
          Object.entries(addresses).forEach(([label, address], index) => {
            const was = before[index]!
            const now = after[index]!
            deltas[label] = now - was
            evidence.add({
              kind: 'balance',
              label,
              address,
              before: was.toString(),
              after: now.toString(),
              delta: (now - was).toString(),
            })
          })
          return deltas
        },
      }
    },
    nativeBalance: (address) => client.getBalance({ address }),
    async transaction(hash, label) {
      let receipt: TransactionReceipt
      try {
        receipt = await client.waitForTransactionReceipt({
          hash,
          timeout: RECEIPT_TIMEOUT_MS,
          pollingInterval: 25,
        })
      } catch {
        evidence.add({ kind: 'transaction', ...(label ? { label } : {}), hash, status: 'missing' })
        return undefined
      }
      const transfers = parseEventLogs({ abi: usdcAbi, eventName: 'Transfer', logs: receipt.logs })
        .filter((log) => log.address.toLowerCase() === devnet.usdc.toLowerCase())
        .map((log) => ({ token: log.address, from: log.args.from, to: log.args.to, value: log.args.value }))
      evidence.add({
        kind: 'transaction',
        ...(label ? { label } : {}),
        hash,
        status: receipt.status === 'success' ? 'success' : 'reverted',
        from: receipt.from,
        ...(receipt.to ? { to: receipt.to } : {}),
        transfers: transfers.map((t) => ({ from: t.from, to: t.to, value: t.value.toString() })),
      })
      return { hash, receipt, transfers }
    },
    authorizationUsed: (authorizer, nonce) =>
      client.readContract({
        address: devnet.usdc,
        abi: usdcAbi,
        functionName: 'authorizationState',
        args: [authorizer, nonce],
      }),
  }
}
