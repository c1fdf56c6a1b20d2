/** The receipt of a settlement the facilitator sent, as soon as the node has it. */
import type { Hash, TransactionReceipt } from 'viem'
import { TransactionReceiptNotFoundError } from 'viem'
import type { FacilitatorContext } from './config.ts'

/** The receipt, at once when the node mines on send (anvil's automine), else by polling. */
export async function receiptOf(context: FacilitatorContext, hash: Hash): Promise<TransactionReceipt> {
  try {
    return await context.publicClient.getTransactionReceipt({ hash })
  } catch (error) {
    if (!(error instanceof TransactionReceiptNotFoundError)) throw error
  }
  return context.publicClient.waitForTransactionReceipt({
    hash,
    timeout: context.receiptTimeoutMs,
    pollingInterval: 20,
  })
}
