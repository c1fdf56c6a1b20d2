/**
 * `batch-settlement` endpoints of the paywall (scheme_batch_settlement_evm.md "Server: State &
 * Forwarding"): the paywall's own batch flow (./batch-flow.ts: per-channel ledger, cumulative check,
 * corrective 402, deposit settled through the built-in facilitator) behind a scripted endpoint,
 * honest or with one hostility applied to the first paid `voucher` request it would accept:
 * - `overcharge`: charges `by` above the amount (chargedAmount > amount; the ledger really charges it);
 * - `cumulative`: reports and keeps a chargedCumulativeAmount `by` above previous + chargedAmount;
 * - `balance`: reports a channel balance `by` above the real one;
 * - `channel-id`: reports another channel id;
 * - `forged-corrective`: answers with a corrective 402 whose chargedCumulativeAmount is `by` above what
 *   was charged and whose voucherState is that amount signed by `signer` (not the client);
 * - `above-signed`: a corrective 402 whose chargedCumulativeAmount is `by` above the client's own latest
 *   signed voucher (voucherState genuine);
 * - `drop-after-commit`: serves and commits the request, then drops the connection (the client never
 *   sees the response; its next voucher is stale and gets the honest corrective 402).
 * The ledger follows what the hostile server claims, so a client that adopts the claim gets paid.
 */
import type { Hex, LocalAccount } from 'viem'
import { keccak256, toHex } from 'viem'
import { BATCH_SCHEME, batchDomain, voucherTypes } from '../../schemes/batch-settlement-evm/channel.ts'
import { ChannelLedger, type ServerChannelState } from '../../schemes/batch-settlement-evm/ledger.ts'
import { readBatchPayment } from '../../schemes/batch-settlement-evm/payment.ts'
import { safeDecodeHeader } from '../../wire/index.ts'
import type {
  PaymentPayloadV2,
  PaymentRequiredV2,
  PaymentRequirementsV2,
  VerifyResponse,
} from '../../wire/types.ts'
import { answerBatchPayment } from './batch-flow.ts'
import { challengeReply, invalidPaymentReply } from './replies.ts'
import { matchOffered, paymentsOf } from './scripts.ts'
import type { EndpointScript } from './types.ts'

/** One hostility of a batch endpoint (applied once, to the first voucher it would accept). */
export type BatchHostility =
  | { kind: 'overcharge'; by: bigint }
  | { kind: 'cumulative'; by: bigint }
  | { kind: 'balance'; by: bigint }
  | { kind: 'channel-id' }
  | { kind: 'forged-corrective'; by: bigint; signer: LocalAccount }
  | { kind: 'above-signed'; by: bigint }
  | { kind: 'drop-after-commit' }

/** What a batch endpoint tells the case about itself. */
export interface BatchEndpointLog {
  /** Set when the hostility was applied: the request's sequence number and what was done. */
  applied?: { seq: number; what: string }
  /** The server's per-channel ledger (what it charged on each channel). */
  ledger: ChannelLedger
}

/** Options of {@link batchScript}. */
export interface BatchScriptOptions {
  /** The challenge; its batch-settlement entry is the offer the endpoint takes. */
  paymentRequired: PaymentRequiredV2
  chainId: number
  /** /verify of the built-in facilitator (in-process); /settle goes through the endpoint state (recorded). */
  verify(request: unknown): Promise<VerifyResponse>
  hostility?: BatchHostility
  /** Filled in as the endpoint answers. */
  log?: BatchEndpointLog
}

/** A batch-settlement endpoint: honest unless `hostility` is given. */
export function batchScript(options: BatchScriptOptions): EndpointScript {
  const { paymentRequired } = options
  const offer = batchOfferOf(paymentRequired)
  const log: BatchEndpointLog = options.log ?? { ledger: new ChannelLedger() }
  const ledger = log.ledger
  const hostility = options.hostility
  return async (request, state) => {
    const carried = paymentsOf(request).find((payment) => payment.header === 'PAYMENT-SIGNATURE')
    if (carried === undefined) return challengeReply(paymentRequired)
    const decoded = safeDecodeHeader('PAYMENT-SIGNATURE', carried.raw)
    if (!decoded.ok)
      return invalidPaymentReply(decoded.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '))
    const payload = decoded.value as PaymentPayloadV2
    const matched = matchOffered(2, payload as unknown as Record<string, unknown>, paymentRequired.accepts)
    if (matched !== offer)
      return challengeReply({ ...paymentRequired, error: 'No matching payment requirements' })
    const read = readBatchPayment(payload.payload)
    if (!read.ok) return invalidPaymentReply(read.error)
    const payment = read.payment
    const channelId = payment.voucher.channelId
    const record = ledger.get(channelId)
    const armed =
      hostility !== undefined &&
      log.applied === undefined &&
      payment.type === 'voucher' &&
      record !== undefined &&
      payment.voucher.maxClaimableAmount === record.chargedCumulativeAmount + BigInt(offer.amount)

    if (armed && (hostility.kind === 'forged-corrective' || hostility.kind === 'above-signed')) {
      const charged = record.chargedCumulativeAmount + hostility.by
      const voucherState =
        hostility.kind === 'forged-corrective'
          ? {
              signedMaxClaimable: `${charged}`,
              signature: await hostility.signer.signTypedData({
                domain: batchDomain(options.chainId),
                types: voucherTypes,
                primaryType: 'Voucher',
                message: { channelId, maxClaimableAmount: charged },
              }),
            }
          : { signedMaxClaimable: `${record.signedMaxClaimable}`, signature: record.signature }
      const channelState: ServerChannelState = {
        ...record.snapshot,
        chargedCumulativeAmount: `${charged}`,
      }
      record.chargedCumulativeAmount = charged
      log.applied = {
        seq: request.seq,
        what: `corrective 402 claiming chargedCumulativeAmount ${charged} with voucherState ${JSON.stringify(voucherState)}`,
      }
      return challengeReply({
        ...paymentRequired,
        error: 'invalid_batch_settlement_evm_cumulative_amount_mismatch',
        accepts: paymentRequired.accepts.map((entry) =>
          entry === offer ? { ...entry, extra: { ...entry.extra, channelState, voucherState } } : entry,
        ),
      })
    }

    let delivered = false
    const reply = await answerBatchPayment({
      paymentRequired,
      offer,
      chainId: options.chainId,
      ledger,
      verify: options.verify,
      state,
      payload,
      payment,
      charge: BigInt(offer.amount) + (armed && hostility.kind === 'overcharge' ? hostility.by : 0n),
      onReceipt: (receipt) => {
        delivered = true
        if (!armed) return receipt
        return tamper(hostility, receipt, ledger, channelId, (what) => {
          log.applied = { seq: request.seq, what }
        })
      },
    })
    if (armed && delivered && hostility.kind === 'drop-after-commit') {
      log.applied = { seq: request.seq, what: 'served and committed, then dropped the connection' }
      return { status: 0, drop: true }
    }
    return reply
  }
}

/** The batch-settlement entry of a challenge (the endpoint's offer). */
function batchOfferOf(paymentRequired: PaymentRequiredV2): PaymentRequirementsV2 {
  const offer = paymentRequired.accepts.find((entry) => entry.scheme === BATCH_SCHEME)
  if (offer === undefined) throw new Error('a batch endpoint needs a batch-settlement offer in its challenge')
  return offer
}

/** Applies a receipt hostility (and keeps the ledger in line with what it claims). */
function tamper(
  hostility: BatchHostility,
  receipt: Record<string, unknown>,
  ledger: ChannelLedger,
  channelId: Hex,
  applied: (what: string) => void,
): Record<string, unknown> {
  const extra = { ...(receipt.extra as Record<string, unknown>) }
  const channelState = { ...(extra.channelState as ServerChannelState) }
  switch (hostility.kind) {
    case 'overcharge':
      applied(`charged ${String(extra.chargedAmount)} (${hostility.by} above the amount)`)
      break
    case 'cumulative': {
      const record = ledger.get(channelId)
      if (record) record.chargedCumulativeAmount += hostility.by
      channelState.chargedCumulativeAmount = `${BigInt(channelState.chargedCumulativeAmount) + hostility.by}`
      applied(
        `reported chargedCumulativeAmount ${channelState.chargedCumulativeAmount} (${hostility.by} too much)`,
      )
      break
    }
    case 'balance':
      channelState.balance = `${BigInt(channelState.balance) + hostility.by}`
      applied(`reported balance ${channelState.balance} (${hostility.by} above the real one)`)
      break
    case 'channel-id':
      channelState.channelId = keccak256(toHex(`not ${channelId}`))
      applied(`reported channelId ${channelState.channelId}`)
      break
    default:
      return receipt
  }
  return { ...receipt, extra: { ...extra, channelState } }
}
