/**
 * Settlement of Permit2 payments: re-verify (settle-time rules), send the proxy's `settle` from the
 * facilitator's signer, wait for the receipt and check the token's Transfer event: success is never
 * read from `receipt.status` alone (the gap #3057/#3059 leave open in the SDKs).
 *
 * - exact moves the permitted amount; upto moves the settle request's `amount` (≤ the signed maximum;
 *   scheme_upto_evm.md "Settle-Time Verification"), and answers it in `amount`.
 * - A zero upto charge sends nothing: `success: true`, `transaction: ""`, `amount: "0"` (Phase 4 step 4).
 *   The authorization still counts as settled ("at most once … regardless of amount", scheme_upto.md §1):
 *   a later settle of it is refused, though Permit2's nonce was never used.
 * - Settles of one authorization run one after another, and each re-verifies, so a copy sees the used
 *   nonce; sends from the signer go through the facilitator's one queue.
 */
import { type Hash, parseEventLogs, type TransactionReceipt } from 'viem'
import { waitForReceipt } from '../../devnet/receipt.ts'
import { KeyedQueue } from '../../model/keyed-queue.ts'
import type { SettlementResponse } from '../../wire/types.ts'
import type { FacilitatorContext } from '../config.ts'
import type { FacilitatorBody } from '../payment.ts'
import { Reason } from '../reasons.ts'
import { settleFailure } from '../responses.ts'
import { isTransportFailure, sendErrorLine } from '../revert.ts'
import { permit2ReadAbi } from './chain.ts'
import { type Permit2Payment, permit2PayerOf, readPermit2Payment } from './read.ts'
import { Permit2Reason } from './reasons.ts'
import { authorizationKey, type ConsumedSet, verifyPermit2 } from './verify.ts'

/** The proxy settlement uses 80-110k gas; a limit, not a price. */
const PROXY_SETTLE_GAS = 300_000n

/** Creates the settle function of the Permit2 handler. */
export function createPermit2Settle(context: FacilitatorContext, consumed: ConsumedSet) {
  const perAuthorization = new KeyedQueue()
  return async (body: FacilitatorBody): Promise<SettlementResponse> => {
    const payer = permit2PayerOf(body)
    const network =
      typeof body.paymentRequirements.network === 'string'
        ? body.paymentRequirements.network
        : context.preset.network
    const fail = (reason: string, message?: string) => settleFailure(reason, network, payer, message)
    const read = readPermit2Payment(context, body, 'settle')
    if (!read.ok) return fail(read.reason)
    const payment = read.value
    return perAuthorization.run(authorizationKey(payment), async () => {
      try {
        const verdict = await verifyPermit2(context, payment, 'settle', consumed)
        if (!verdict.isValid) return fail(verdict.reason)
        const success = (transaction: string): SettlementResponse => ({
          success: true,
          payer: payment.authorization.from,
          transaction,
          network: payment.network,
          ...(payment.kind === 'upto' ? { amount: payment.amount.toString() } : {}),
        })
        if (!verdict.call) {
          consumed.add(authorizationKey(payment))
          return success('')
        }
        const call = verdict.call
        let hash: Hash
        try {
          hash = await context.sends.run(context.signer, () =>
            context.walletClient.sendTransaction({ to: call.to, data: call.data, gas: PROXY_SETTLE_GAS }),
          )
        } catch (error) {
          if (isTransportFailure(error)) throw error
          return fail(Permit2Reason.simulation, sendErrorLine(error))
        }
        const receipt = await receiptOf(context, hash)
        if (receipt.status !== 'success' || !transferred(receipt, payment)) {
          // The hash is kept: something was broadcast (spec-v2 §5.3.2), it just did not pay as signed.
          return { ...fail(Reason.transaction), transaction: hash }
        }
        return success(hash)
      } catch {
        return fail(Reason.unexpectedSettle)
      }
    })
  }
}

/** The receipt, at once when the node mines on send (anvil's automine), else by polling (harness/devnet/receipt.ts). */
function receiptOf(context: FacilitatorContext, hash: Hash): Promise<TransactionReceipt> {
  return waitForReceipt(context.publicClient, hash, { timeoutMs: context.receiptTimeoutMs })
}

/** Whether the receipt holds the asset's Transfer of exactly the charge from the payer to payTo. */
export function transferred(receipt: TransactionReceipt, payment: Permit2Payment): boolean {
  const value = payment.kind === 'exact' ? payment.authorization.permitted.amount : payment.amount
  const transfers = parseEventLogs({ abi: permit2ReadAbi, eventName: 'Transfer', logs: receipt.logs })
  return transfers.some(
    (log) =>
      log.address.toLowerCase() === payment.asset.toLowerCase() &&
      log.args.from.toLowerCase() === payment.authorization.from.toLowerCase() &&
      log.args.to.toLowerCase() === payment.payTo.toLowerCase() &&
      log.args.value === value,
  )
}
