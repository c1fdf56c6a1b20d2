/** The receipt of a settlement the facilitator sent, as soon as the node has it. */
import type { Hash, TransactionReceipt } from 'viem'
import { waitForReceipt } from '../devnet/receipt.ts'
import type { FacilitatorContext } from './config.ts'

/**
 * The receipt, at once when the node mines on send (anvil's automine), else asked for until it is
 * (never viem's shared block watcher: harness/devnet/receipt.ts says why).
 */
export function receiptOf(context: FacilitatorContext, hash: Hash): Promise<TransactionReceipt> {
  return waitForReceipt(context.publicClient, hash, { timeoutMs: context.receiptTimeoutMs })
}
