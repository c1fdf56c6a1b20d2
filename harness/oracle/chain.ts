/**
 * The chain oracle: what the suite trusts about money (DESIGN.md "The oracle"). It reads token balances,
 * the token's Transfer events (from a receipt or by address), `authorizationState` and the token's
 * EIP-712 domain, and records what it read as evidence (balances, transactions with decoded transfers).
 * It only observes; the pass/fail judgements are in `./verdicts.ts`.
 */
import {
  type Address,
  type Chain,
  getAddress,
  type Hash,
  type Hex,
  type Log,
  type PublicClient,
  parseEventLogs,
  TransactionReceiptNotFoundError,
  type Transport,
} from 'viem'
import type { EvidenceRecorder } from '../model/evidence.ts'
import type { TransactionEvidence } from '../model/result.ts'
import { tokenAbi, transferEvent } from './abi.ts'

/** One ERC-20 Transfer of the token, as an event log. */
export interface TokenTransfer {
  from: Address
  to: Address
  value: bigint
  transactionHash: Hash
  blockNumber: bigint
  logIndex: number
}

/** A transaction as the chain has it: mined (success or reverted) or unknown, with its token transfers. */
export interface TransactionObservation {
  hash: string
  status: 'success' | 'reverted' | 'missing'
  from?: Address
  to?: Address
  blockNumber?: bigint
  /** Transfers of the oracle's token in the receipt (empty when missing). */
  transfers: TokenTransfer[]
}

/** A balance before and after, for one labelled account. */
export interface BalanceDelta {
  label: string
  address: Address
  before: bigint
  after: bigint
  delta: bigint
}

/** Balances read at one moment; `deltas()` reads them again and records the change as evidence. */
export interface BalanceSnapshot {
  readonly entries: readonly { label: string; address: Address; before: bigint }[]
  /** Reads every balance again, records one `balance` evidence item each, and returns the deltas. */
  deltas(): Promise<BalanceDelta[]>
  /** The delta of one labelled account (reads all, records all). */
  delta(label: string): Promise<BalanceDelta>
}

/** Which transfers to list; every given filter must match. */
export interface TransferQuery {
  from?: Address | string
  to?: Address | string
  /** Default: block 0 (the devnet is small; fresh accounts have no history). */
  fromBlock?: bigint
  toBlock?: bigint
}

export interface ChainOracle {
  /** The token observed (the devnet's USDC). */
  readonly token: Address
  /** The token balance of `address`, atomic units. */
  balanceOf(address: Address | string): Promise<bigint>
  /** Reads the balances of labelled accounts now, to compare later. */
  snapshot(accounts: Readonly<Record<string, Address | string>>): Promise<BalanceSnapshot>
  /**
   * The transaction `hash` (its receipt and the token transfers in it), recorded as `transaction`
   * evidence. A hash the chain does not know is `missing`, not an error.
   */
  transaction(hash: string, label?: string): Promise<TransactionObservation>
  /** Token Transfer events matching `query`, oldest first. */
  transfers(query: TransferQuery): Promise<TokenTransfer[]>
  /** Whether the EIP-3009 nonce of `authorizer` is used (or cancelled) on chain. */
  authorizationUsed(authorizer: Address | string, nonce: Hex | string): Promise<boolean>
  /** The token's own EIP-712 domain name and version: `eip712Domain()`, else `name()`/`version()` (cached). */
  domain(): Promise<{ name: string; version: string }>
  /** The latest block number. */
  blockNumber(): Promise<bigint>
}

export interface ChainOracleOptions {
  publicClient: PublicClient<Transport, Chain | undefined>
  /** The EIP-3009 token whose transfers count. */
  token: Address | string
  /** Where reads that are evidence go (balances, transactions). Optional. */
  evidence?: EvidenceRecorder
}

const HASH = /^0x[0-9a-fA-F]{64}$/

/** Creates an oracle over one token. Cheap: create one per case with that case's evidence recorder. */
export function createChainOracle(options: ChainOracleOptions): ChainOracle {
  const client = options.publicClient
  const token = getAddress(options.token)
  const evidence = options.evidence
  let domain: Promise<{ name: string; version: string }> | undefined

  const balanceOf = (address: Address | string): Promise<bigint> =>
    client.readContract({
      address: token,
      abi: tokenAbi,
      functionName: 'balanceOf',
      args: [getAddress(address)],
    })

  const decode = (logs: readonly Log[]): TokenTransfer[] =>
    parseEventLogs({ abi: tokenAbi, eventName: 'Transfer', logs: [...logs] })
      .filter((log) => log.address.toLowerCase() === token.toLowerCase())
      .map((log) => ({
        from: getAddress(log.args.from),
        to: getAddress(log.args.to),
        value: log.args.value,
        transactionHash: log.transactionHash,
        blockNumber: log.blockNumber,
        logIndex: log.logIndex,
      }))

  return {
    token,
    balanceOf,

    async snapshot(accounts) {
      const entries = await Promise.all(
        Object.entries(accounts).map(async ([label, address]) => ({
          label,
          address: getAddress(address),
          before: await balanceOf(address),
        })),
      )
      const deltas = async (): Promise<BalanceDelta[]> => {
        const result = await Promise.all(
          entries.map(async (entry) => {
            const after = await balanceOf(entry.address)
            return { ...entry, after, delta: after - entry.before }
          }),
        )
        for (const item of result) {
          evidence?.add({
            kind: 'balance',
            label: item.label,
            address: item.address,
            before: item.before.toString(),
            after: item.after.toString(),
            delta: item.delta.toString(),
          })
        }
        return result
      }
      return {
        entries,
        deltas,
        async delta(label) {
          const found = (await deltas()).find((item) => item.label === label)
          if (!found) throw new Error(`no account labelled '${label}' in this balance snapshot`)
          return found
        },
      }
    },

    async transaction(hash, label) {
      let observation: TransactionObservation = { hash, status: 'missing', transfers: [] }
      if (HASH.test(hash)) {
        try {
          const receipt = await client.getTransactionReceipt({ hash: hash as Hash })
          observation = {
            hash,
            status: receipt.status === 'success' ? 'success' : 'reverted',
            from: getAddress(receipt.from),
            ...(receipt.to ? { to: getAddress(receipt.to) } : {}),
            blockNumber: receipt.blockNumber,
            transfers: decode(receipt.logs),
          }
        } catch (error) {
          if (!(error instanceof TransactionReceiptNotFoundError)) throw error
        }
      }
      evidence?.add(transactionEvidence(observation, label))
      return observation
    },

    async transfers(query) {
      const logs = await client.getLogs({
        address: token,
        event: transferEvent,
        args: {
          ...(query.from === undefined ? {} : { from: getAddress(query.from) }),
          ...(query.to === undefined ? {} : { to: getAddress(query.to) }),
        },
        fromBlock: query.fromBlock ?? 0n,
        toBlock: query.toBlock ?? 'latest',
      })
      return decode(logs).sort((a, b) =>
        a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1,
      )
    },

    authorizationUsed(authorizer, nonce) {
      return client.readContract({
        address: token,
        abi: tokenAbi,
        functionName: 'authorizationState',
        args: [getAddress(authorizer), nonce as Hex],
      })
    },

    domain() {
      // EIP-5267 first (it names the signing domain itself); FiatToken-like tokens only have the getters.
      domain ??= client
        .readContract({ address: token, abi: tokenAbi, functionName: 'eip712Domain' })
        .then(([, name, version]) => ({ name, version }))
        .catch(() =>
          Promise.all([
            client.readContract({ address: token, abi: tokenAbi, functionName: 'name' }),
            client.readContract({ address: token, abi: tokenAbi, functionName: 'version' }),
          ]).then(([name, version]) => ({ name, version })),
        )
      return domain
    },

    blockNumber() {
      return client.getBlockNumber()
    },
  }
}

/** A transaction observation in the report's evidence format. */
export function transactionEvidence(
  observation: TransactionObservation,
  label?: string,
): TransactionEvidence {
  return {
    kind: 'transaction',
    ...(label === undefined ? {} : { label }),
    hash: observation.hash,
    status: observation.status,
    ...(observation.from === undefined ? {} : { from: observation.from }),
    ...(observation.to === undefined ? {} : { to: observation.to }),
    transfers: observation.transfers.map((transfer) => ({
      from: transfer.from,
      to: transfer.to,
      value: transfer.value.toString(),
    })),
  }
}
