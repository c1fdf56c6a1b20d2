/**
 * Settlement of `exact` EIP-3009 payments: re-verify, send `transferWithAuthorization` from the
 * facilitator's signer, wait for the receipt, check the Transfer it made.
 *
 * Money moves at most once per authorization, and a second settle never reports success:
 * - settles of one authorization (payer, nonce) run one after the other, and each re-verifies, so the
 *   second sees `authorizationState == true` and answers invalid_exact_evm_nonce_already_used;
 * - sends from the signer are serialised, so concurrent settles never reuse the signer's tx nonce;
 * - and the token itself refuses a used nonce, should anything else race.
 * Settle does not need an earlier /verify (spec §7.2; the reference facilitators re-verify too).
 *
 * A settle answered `settlement_pending` (the `pending` fault) is not over: the next settle of the same
 * authorization reconciles on chain to that transaction (success, still pending, or its revert) and
 * never broadcasts again (v2 core §9 after the pin).
 */
import { type Hash, parseEventLogs, type TransactionReceipt, TransactionReceiptNotFoundError } from 'viem'
import { KeyedQueue } from '../model/keyed-queue.ts'
import type { SettlementResponse } from '../wire/types.ts'
import { eip3009Abi } from './abi.ts'
import type { FacilitatorContext } from './config.ts'
import { type ExactPayment, type FacilitatorBody, networkId, payerOf, readPayment } from './payment.ts'
import { Reason } from './reasons.ts'
import { responseNetwork, settleFailure, settlePending, settleSuccess } from './responses.ts'
import { isTransportFailure, revertReason, sendErrorLine } from './revert.ts'
import { verifyBody } from './verify.ts'

/**
 * Gas limit for `transferWithAuthorization` from an EOA: it uses 70-90k (ecrecover, two balance
 * writes, the nonce flag, calldata). A limit, not a price: unused gas is not paid.
 */
const EOA_TRANSFER_GAS = 200_000n

/** How one settle answers. */
export interface SettleOptions {
  /** Broadcast, then answer `settlement_pending` instead of waiting for the receipt (a fault). */
  pending?: boolean
}

/** Settles one request body; never throws. */
export type Settle = (body: FacilitatorBody, options?: SettleOptions) => Promise<SettlementResponse>

/** Creates the settle function of one facilitator (its queues are shared by all its settles). */
export function createSettle(context: FacilitatorContext): Settle {
  const perAuthorization = new KeyedQueue()
  /** Authorizations answered `settlement_pending`, with the transaction broadcast for each. */
  const pendingBroadcasts = new Map<string, Hash>()

  return async (body, options = {}) => {
    const payer = payerOf(body)
    const fail = (reason: string, message?: string) =>
      settleFailure(reason, responseNetwork(context, body), payer, message)
    const read = readPayment(context, body)
    if (!read.ok) return fail(read.reason)
    const payment = read.value
    const { from, nonce } = payment.authorization
    const key = `${from.toLowerCase()}:${nonce}`
    const network = networkId(context, payment.version)

    /** The answer for an authorization whose settle was left pending: what its transaction became. */
    async function reconcile(hash: Hash): Promise<SettlementResponse> {
      if (options.pending) return settlePending(hash, network, from)
      let receipt: TransactionReceipt
      try {
        receipt = await context.publicClient.getTransactionReceipt({ hash })
      } catch (error) {
        if (error instanceof TransactionReceiptNotFoundError) return settlePending(hash, network, from)
        throw error
      }
      pendingBroadcasts.delete(key)
      if (receipt.status !== 'success' || !transferred(context, receipt, payment))
        return { ...fail(Reason.transaction), transaction: hash }
      return settleSuccess(hash, network, from)
    }

    return perAuthorization.run(key, async () => {
      try {
        const earlier = pendingBroadcasts.get(key)
        if (earlier !== undefined) return await reconcile(earlier)
        // Re-verify with the simulation: it rides in the same eth_call as the other reads.
        const verdict = await verifyBody(context, body, { simulate: true })
        if (!verdict.isValid) return fail(verdict.reason)
        let hash: Hash
        try {
          // An EOA payment's gas is known; a smart wallet's depends on its code, so it is estimated
          // (which simulates again: a revert throws here and nothing is sent).
          const gas = verdict.payerHasCode ? undefined : EOA_TRANSFER_GAS
          hash = await context.sends.run(context.signer, () =>
            context.walletClient.sendTransaction({
              to: context.usdc,
              data: verdict.calldata,
              ...(gas ? { gas } : {}),
            }),
          )
        } catch (error) {
          if (isTransportFailure(error)) throw error
          return fail(revertReason(error), sendErrorLine(error))
        }
        if (options.pending) {
          pendingBroadcasts.set(key, hash)
          return settlePending(hash, network, from)
        }
        const receipt = await receiptOf(context, hash)
        if (receipt.status !== 'success' || !transferred(context, receipt, verdict.payment)) {
          return fail(Reason.transaction)
        }
        return settleSuccess(
          hash,
          networkId(context, verdict.payment.version),
          verdict.payment.authorization.from,
        )
      } catch {
        return fail(Reason.unexpectedSettle)
      }
    })
  }
}

/** The receipt, at once when the node mines on send (anvil's automine), else by polling. */
async function receiptOf(context: FacilitatorContext, hash: Hash): Promise<TransactionReceipt> {
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

/** Whether the receipt holds the token's Transfer of exactly `value` from `from` to `to`. */
function transferred(
  context: FacilitatorContext,
  receipt: TransactionReceipt,
  payment: ExactPayment,
): boolean {
  const { from, to, value } = payment.authorization
  const transfers = parseEventLogs({ abi: eip3009Abi, eventName: 'Transfer', logs: receipt.logs })
  return transfers.some(
    (log) =>
      log.address.toLowerCase() === context.usdc.toLowerCase() &&
      log.args.from.toLowerCase() === from.toLowerCase() &&
      log.args.to.toLowerCase() === to.toLowerCase() &&
      log.args.value === value,
  )
}
