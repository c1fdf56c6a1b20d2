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
import { type Hash, type TransactionReceipt, TransactionReceiptNotFoundError } from 'viem'
import { waitForReceipt } from '../devnet/receipt.ts'
import { KeyedQueue } from '../model/keyed-queue.ts'
import type { SettlementResponse } from '../wire/types.ts'
import type { FacilitatorContext } from './config.ts'
import { type FacilitatorBody, networkId, payerOf, readPayment } from './payment.ts'
import { Reason } from './reasons.ts'
import { responseNetwork, settleFailure, settlePending, settleSuccess } from './responses.ts'
import { isTransportFailure, revertReason, sendErrorLine } from './revert.ts'
import { checkTransferEvent } from './settlement-check.ts'
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
      const failure = (context.settlementCheck ?? checkTransferEvent)(receipt, payment)
      if (failure !== undefined)
        return { ...fail(failure, `settlement ${hash} did not pay: ${failure}`), transaction: hash }
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
              to: verdict.payment.asset,
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
        const failure = (context.settlementCheck ?? checkTransferEvent)(receipt, verdict.payment)
        // `transaction` stays "" on failure (RS-35/FA-4 as catalogued today; @x402/evm 2.27 names the hash).
        if (failure !== undefined) return fail(failure, `settlement ${hash} did not pay: ${failure}`)
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

/** The receipt, at once when the node mines on send (anvil's automine), else by polling (harness/devnet/receipt.ts). */
function receiptOf(context: FacilitatorContext, hash: Hash): Promise<TransactionReceipt> {
  return waitForReceipt(context.publicClient, hash, { timeoutMs: context.receiptTimeoutMs })
}
