/**
 * Whether a mined settlement paid: the step of settle that reads the receipt. A receipt with status
 * success proves only that the call did not revert; a fee-on-transfer (or otherwise non-standard)
 * token can mine `transferWithAuthorization` and move less than `amount` to payTo. So the reference
 * looks for the asset's own `Transfer(from, payTo, amount)` in the receipt, as @x402/evm does since
 * x402-foundation/x402 #2385 ("settlement MUST produce exactly one identifiable transfer of `amount`
 * of `asset` to `payTo`", scheme_exact.md). Known-bad facilitators replace this one step.
 */
import { type Address, parseEventLogs, type TransactionReceipt } from 'viem'
import { eip3009Abi } from './abi.ts'
import { Reason, type ReasonCode } from './reasons.ts'

/** What the check needs of the payment settled (an ExactPayment has it). */
export interface SettledPayment {
  asset: Address
  authorization: { from: Address; to: Address; value: bigint }
}

/** Judges a mined settlement of `payment`: undefined when it paid, else the failure's reason. */
export type SettlementCheck = (receipt: TransactionReceipt, payment: SettledPayment) => ReasonCode | undefined

/** The reference check: not reverted, and the asset's Transfer of exactly `value` from `from` to payTo. */
export const checkTransferEvent: SettlementCheck = (receipt, payment) => {
  if (receipt.status !== 'success') return Reason.transaction
  const { from, to, value } = payment.authorization
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()
  const transfers = parseEventLogs({ abi: eip3009Abi, eventName: 'Transfer', logs: receipt.logs })
  const paid = transfers.some(
    (log) =>
      same(log.address, payment.asset) &&
      same(log.args.from, from) &&
      same(log.args.to, to) &&
      log.args.value === value,
  )
  return paid ? undefined : Reason.transferEvent
}
