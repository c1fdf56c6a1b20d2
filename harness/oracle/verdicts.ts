/**
 * Judgements over what the chain oracle saw, in the shared verdict vocabulary: each returns normally or
 * throws a `CheckFailure` saying what was expected and what the chain shows. Used by the server suite
 * ("a server that delivered settled exactly once, exactly the price, to payTo") and the facilitator
 * suite ("a refused payment moved nothing").
 */
import type { Address } from 'viem'
import type { CheckDetails } from '../model/expect.ts'
import { CheckFailure } from '../model/verdict.ts'
import type { ChainOracle, TokenTransfer, TransactionObservation, TransferQuery } from './chain.ts'

/** The one transfer a settlement must have made. `from` is optional (any sender). */
export interface ExpectedTransfer {
  from?: Address | string
  to: Address | string
  value: bigint
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase()

/** Whether `transfer` is exactly `expected` (addresses compared case-insensitively). */
export function matchesTransfer(transfer: TokenTransfer, expected: ExpectedTransfer): boolean {
  return (
    (expected.from === undefined || same(transfer.from, expected.from)) &&
    same(transfer.to, expected.to) &&
    transfer.value === expected.value
  )
}

/** One line per transfer, for a failure's `seen`. */
export function describeTransfers(transfers: readonly TokenTransfer[]): string {
  if (transfers.length === 0) return 'no transfer'
  const lines = transfers.map(
    (t) => `${t.value} from ${t.from} to ${t.to} (tx ${t.transactionHash.slice(0, 10)}…)`,
  )
  return `${transfers.length} transfer${transfers.length === 1 ? '' : 's'}: ${lines.join('; ')}`
}

function describeExpected(expected: ExpectedTransfer): string {
  return `exactly one transfer of ${expected.value}${expected.from ? ` from ${expected.from}` : ''} to ${expected.to}`
}

/**
 * Exactly one transfer in `transfers`, and it is `expected`: the oracle's core rule for a delivered
 * payment (no second settlement, no other amount, no other recipient). Returns that transfer.
 */
export function checkExactlyOneTransfer(
  transfers: readonly TokenTransfer[],
  expected: ExpectedTransfer,
  details: CheckDetails & { message?: string } = {},
): TokenTransfer {
  const [only] = transfers
  if (transfers.length === 1 && only && matchesTransfer(only, expected)) return only
  throw new CheckFailure(
    details.message ?? 'the chain does not show exactly one transfer of the price to payTo',
    {
      ...details,
      expected: describeExpected(expected),
      seen: describeTransfers(transfers),
    },
  )
}

/** No transfer at all in `transfers` (a refused payment moved nothing). */
export function checkNoTransfer(
  transfers: readonly TokenTransfer[],
  details: CheckDetails & { message?: string } = {},
): void {
  if (transfers.length === 0) return
  throw new CheckFailure(details.message ?? 'money moved although the payment was refused', {
    ...details,
    expected: 'no transfer',
    seen: describeTransfers(transfers),
  })
}

/** The transaction exists on chain and succeeded. */
export function checkTransactionSucceeded(
  observation: TransactionObservation,
  details: CheckDetails & { message?: string } = {},
): void {
  if (observation.status === 'success') return
  throw new CheckFailure(details.message ?? `transaction ${observation.hash} did not succeed on chain`, {
    ...details,
    expected: 'a mined transaction with status success',
    seen: observation.status === 'missing' ? 'no such transaction on chain' : 'the transaction reverted',
  })
}

/** Transfers matching `query`, recorded as a note so the evidence shows what the oracle looked at. */
export async function observeTransfers(
  oracle: ChainOracle,
  query: TransferQuery,
  note?: (text: string, data: unknown) => void,
): Promise<TokenTransfer[]> {
  const transfers = await oracle.transfers(query)
  note?.(
    `token transfers${query.from ? ` from ${query.from}` : ''}${query.to ? ` to ${query.to}` : ''}: ${transfers.length}`,
    transfers.map((t) => ({ ...t, value: t.value.toString(), blockNumber: t.blockNumber.toString() })),
  )
  return transfers
}

/** Reads the transfers out of `from` and checks there are none. */
export async function expectNoTransferFrom(
  oracle: ChainOracle,
  from: Address | string,
  details: CheckDetails & {
    message?: string
    fromBlock?: bigint
    note?: (text: string, data: unknown) => void
  } = {},
): Promise<void> {
  const { fromBlock, note, ...rest } = details
  const transfers = await observeTransfers(
    oracle,
    { from, ...(fromBlock === undefined ? {} : { fromBlock }) },
    note,
  )
  checkNoTransfer(transfers, rest)
}

/** Reads the transfers out of `expected.from` and checks they are exactly `expected`, once. */
export async function expectExactlyOneTransferFrom(
  oracle: ChainOracle,
  expected: ExpectedTransfer & { from: Address | string },
  details: CheckDetails & {
    message?: string
    fromBlock?: bigint
    note?: (text: string, data: unknown) => void
  } = {},
): Promise<TokenTransfer> {
  const { fromBlock, note, ...rest } = details
  const transfers = await observeTransfers(
    oracle,
    { from: expected.from, ...(fromBlock === undefined ? {} : { fromBlock }) },
    note,
  )
  return checkExactlyOneTransfer(transfers, expected, rest)
}
