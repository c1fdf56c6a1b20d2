/**
 * Waiting for a transaction's receipt by asking for it, never through viem's
 * `waitForTransactionReceipt`. viem's waits on one client share one block-number watcher
 * (viem/utils/observe.ts: the poll starts, and emits the current block, for the first subscriber only),
 * so a wait whose first look missed its receipt and that joins the watcher after it announced the block
 * holding its transaction hears nothing until the next block. On the devnet (automine: one block per
 * transaction, none otherwise) that block may never come: two payers funded at once, as the last work
 * of a client suite run whose payments were all refused, waited until their cases timed out (the full
 * known-bad score card, client `alters-accepted`, client.permit2.*-payload). Polling
 * `eth_getTransactionReceipt` shares nothing and waits for no block.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { type Hash, type TransactionReceipt, TransactionReceiptNotFoundError } from 'viem'

/** How often a missing receipt is asked for again (ms): local RPC answers in milliseconds. */
export const RECEIPT_POLL_MS = 20

/** How long a receipt is waited for by default (ms); a devnet mines on send, so this only ends a hang. */
export const DEFAULT_RECEIPT_TIMEOUT_MS = 60_000

/** What the wait needs of a viem public client. */
export interface ReceiptReader<Receipt extends TransactionReceipt = TransactionReceipt> {
  getTransactionReceipt(args: { hash: Hash }): Promise<Receipt>
}

export interface ReceiptWaitOptions {
  /** Give up (throw) after this long. Default {@link DEFAULT_RECEIPT_TIMEOUT_MS}. */
  timeoutMs?: number
}

/** The receipt of `hash`: at once when it is mined (anvil mines on send), else asked for until it is. */
export async function waitForReceipt<Receipt extends TransactionReceipt>(
  client: ReceiptReader<Receipt>,
  hash: Hash,
  options: ReceiptWaitOptions = {},
): Promise<Receipt> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_RECEIPT_TIMEOUT_MS
  const deadline = performance.now() + timeoutMs
  for (;;) {
    try {
      return await client.getTransactionReceipt({ hash })
    } catch (error) {
      if (!(error instanceof TransactionReceiptNotFoundError)) throw error
    }
    if (performance.now() >= deadline)
      throw new Error(`no receipt for transaction ${hash} within ${timeoutMs} ms`)
    await sleep(RECEIPT_POLL_MS)
  }
}
