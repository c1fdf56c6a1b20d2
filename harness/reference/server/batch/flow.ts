/**
 * One `batch-settlement` request through the reference server, in the order of
 * scheme_batch_settlement_evm.md "Server: State & Forwarding / Request Processing", serialised per
 * channel:
 * 1. the voucher must equal `chargedCumulativeAmount + amount` (a refund: `chargedCumulativeAmount`),
 *    else a corrective 402 carrying `channelState` and `voucherState`;
 * 2. the facilitator verifies every payload (deposit, voucher, refund);
 * 3. the resource is produced (never for a refund); a deposit is settled on chain;
 * 4. only then is the charge committed, and the payment response follows the spec's contract
 *    (voucher: no transaction, `amount: ""`; deposit: its transaction and amount; refund: the refunded
 *    amount, no `chargedAmount`).
 * Each rule is a step of `flow.steps` (./steps.ts); a known-bad server replaces one.
 */
import type { Hex } from 'viem'
import { claimRowOf } from '../../../schemes/batch-settlement-evm/build.ts'
import {
  type ChannelSnapshot,
  channelIdOf,
  readChannelSnapshot,
} from '../../../schemes/batch-settlement-evm/channel.ts'
import {
  type ChannelLedger,
  type ChannelRecord,
  channelStateOf,
  type ServerChannelState,
} from '../../../schemes/batch-settlement-evm/ledger.ts'
import type { BatchPayment } from '../../../schemes/batch-settlement-evm/payment.ts'
import { isRecord } from '../../../wire/fields.ts'
import type { FacilitatorRequest, PaymentPayloadV2, PaymentRequirementsV2 } from '../../../wire/types.ts'
import type { FacilitatorClient } from '../facilitator-client.ts'
import { type Reply, type Resource, serverError } from '../reply.ts'
import type { BatchServerSteps } from './steps.ts'

/** What the batch flow is given by the server. */
export interface BatchFlowContext {
  offer: PaymentRequirementsV2
  chainId: number
  ledger: ChannelLedger
  facilitator: FacilitatorClient
  /** The batch rules (the reference's, or a variant with one replaced). */
  steps: BatchServerSteps
  /** A 402 (status given) offering `accepts`, with `error`. */
  challenge(status: number, error: string, accepts?: PaymentRequirementsV2[]): Reply
  /** The offers of the server (the batch one is replaced in a corrective 402). */
  offers: PaymentRequirementsV2[]
  /** The paid resource's reply headers (content type, receipt) and body. */
  deliver(resource: Resource, receipt: Record<string, unknown>): Reply
  /** A non-resource 200 (a refund) with the receipt. */
  answer(body: unknown, receipt: Record<string, unknown>): Reply
  /** A 402 with a failed settlement's receipt. */
  settlementFailed(error: string, receipt: Record<string, unknown>): Reply
  serve(): Promise<Resource>
}

const MISMATCH = 'invalid_batch_settlement_evm_cumulative_amount_mismatch'

/** Runs one batch payment (already matched against the batch offer). */
export function handleBatchPayment(
  flow: BatchFlowContext,
  payload: PaymentPayloadV2,
  payment: BatchPayment,
): Promise<Reply> {
  const channelId = payment.voucher.channelId
  if (channelIdOf(payment.config, flow.chainId).toLowerCase() !== channelId.toLowerCase())
    return Promise.resolve(flow.challenge(402, 'invalid_batch_settlement_evm_channel_id_mismatch'))
  return flow.steps.serialise(flow.ledger, channelId, () => judge(flow, payload, payment, channelId))
}

async function judge(
  flow: BatchFlowContext,
  payload: PaymentPayloadV2,
  payment: BatchPayment,
  channelId: Hex,
): Promise<Reply> {
  const request: FacilitatorRequest = {
    x402Version: 2,
    paymentPayload: payload,
    paymentRequirements: flow.offer,
  }
  const record = flow.ledger.get(channelId)
  const price = BigInt(flow.offer.amount)

  // Without a record the baseline is what the chain says was claimed ("Server state loss"), which
  // takes the facilitator's snapshot: verify first. With a record, the cheap check comes first.
  let verified: { snapshot: ChannelSnapshot | undefined } | undefined
  const unasked = flow.steps.unasked(payment, record)
  if (unasked) verified = { snapshot: unasked }
  if (!record && !verified) {
    const outcome = await verify(flow, request)
    if ('reply' in outcome) return outcome.reply
    verified = outcome
  }
  const ceiling = payment.voucher.maxClaimableAmount
  const baseline = flow.steps.baseline(payment, price, verified?.snapshot)
  const charged = record?.chargedCumulativeAmount ?? baseline
  const expected = payment.type === 'refund' ? charged : charged + price
  if (!flow.steps.voucherDue(payment, expected))
    return corrective(flow, channelId, charged, record, verified?.snapshot ?? record?.snapshot)
  if (!verified) {
    const outcome = await verify(flow, request)
    if ('reply' in outcome) return outcome.reply
    verified = outcome
  }
  const snapshot = verified.snapshot ?? record?.snapshot
  if (!snapshot) return serverError('facilitator /verify answered no channel snapshot')
  const payer = payment.config.payer
  const network = flow.offer.network

  if (payment.type === 'refund') return refund(flow, payload, payment, channelId, charged, snapshot, record)

  const resource = await flow.serve()
  let transaction = ''
  let amount = ''
  let settledSnapshot = snapshot
  if (payment.type === 'deposit') {
    const settled = await flow.facilitator.settle(request)
    if (!settled.ok) return serverError(settled.error)
    const response = settled.response
    if ((response.success !== true || !response.transaction) && !unasked)
      return flow.settlementFailed(response.errorReason ?? 'settlement_failed', response)
    transaction = response.transaction
    amount =
      typeof response.amount === 'string' && response.amount !== ''
        ? response.amount
        : `${payment.depositAmount}`
    settledSnapshot =
      readChannelSnapshot(isRecord(response.extra) ? response.extra.channelState : undefined) ?? snapshot
  }
  const charge = flow.steps.charge(price)
  const committed: ChannelRecord = {
    config: payment.config,
    chargedCumulativeAmount: charged + charge,
    signedMaxClaimable: record && record.signedMaxClaimable > ceiling ? record.signedMaxClaimable : ceiling,
    signature: record && record.signedMaxClaimable > ceiling ? record.signature : payment.voucher.signature,
    snapshot: settledSnapshot,
  }
  flow.ledger.put(channelId, committed)
  return flow.deliver(resource, {
    success: true,
    transaction,
    network,
    payer,
    amount,
    extra: { chargedAmount: `${charge}`, channelState: channelStateOf(committed) },
  })
}

/** /verify of the payment; a refusal is a 402 with the facilitator's reason, no answer a 500. */
async function verify(
  flow: BatchFlowContext,
  request: FacilitatorRequest,
): Promise<{ snapshot: ChannelSnapshot | undefined } | { reply: Reply }> {
  const outcome = await flow.facilitator.verify(request)
  if (!outcome.ok) return { reply: serverError(outcome.error) }
  if (!outcome.response.isValid)
    return { reply: flow.challenge(402, outcome.response.invalidReason ?? 'invalid_payment') }
  return { snapshot: readChannelSnapshot(outcome.response.extra) }
}

/** The corrective 402: the batch offer carries the server's channel state and its latest signed voucher. */
function corrective(
  flow: BatchFlowContext,
  channelId: Hex,
  charged: bigint,
  record: ChannelRecord | undefined,
  snapshot: ChannelSnapshot | undefined,
): Reply {
  const base: ChannelSnapshot = snapshot ?? {
    channelId,
    balance: '0',
    totalClaimed: '0',
    withdrawRequestedAt: 0,
    refundNonce: '0',
  }
  const channelState: ServerChannelState = { ...base, chargedCumulativeAmount: `${charged}` }
  const extra: Record<string, unknown> = { ...flow.offer.extra, channelState }
  if (record)
    extra.voucherState = { signedMaxClaimable: `${record.signedMaxClaimable}`, signature: record.signature }
  const accepts = flow.offers.map((offer) => (offer === flow.offer ? { ...offer, extra } : offer))
  return flow.challenge(402, MISMATCH, accepts)
}

/**
 * A cooperative refund ("Cooperative refund flow"): no resource; the server completes the payload
 * (amount, refund nonce, the claim of what it charged) and the facilitator, as receiver authorizer,
 * signs and submits claim + refund.
 */
async function refund(
  flow: BatchFlowContext,
  payload: PaymentPayloadV2,
  payment: Extract<BatchPayment, { type: 'refund' }>,
  channelId: Hex,
  charged: bigint,
  snapshot: ChannelSnapshot,
  record: ChannelRecord | undefined,
): Promise<Reply> {
  const available = BigInt(snapshot.balance) - charged
  if (available <= 0n) return flow.challenge(402, 'invalid_batch_settlement_evm_refund_no_balance')
  const amount = payment.amount ?? available
  if (amount === 0n || amount > available)
    return flow.challenge(402, 'invalid_batch_settlement_evm_refund_amount_invalid')
  const claims =
    charged > BigInt(snapshot.totalClaimed)
      ? [claimRowOf(payment.config, payment.voucher.maxClaimableAmount, payment.voucher.signature, charged)]
      : []
  const completed: PaymentPayloadV2 = {
    ...payload,
    payload: {
      type: 'refund',
      channelConfig: { ...payment.config },
      voucher: { ...payment.voucher, maxClaimableAmount: `${payment.voucher.maxClaimableAmount}` },
      amount: `${amount}`,
      refundNonce: snapshot.refundNonce,
      claims,
    },
  }
  const settled = await flow.facilitator.settle({
    x402Version: 2,
    paymentPayload: completed,
    paymentRequirements: flow.offer,
  })
  if (!settled.ok) return serverError(settled.error)
  const response = settled.response
  if (response.success !== true || !response.transaction)
    return flow.settlementFailed(response.errorReason ?? 'settlement_failed', response)
  const after =
    readChannelSnapshot(isRecord(response.extra) ? response.extra.channelState : undefined) ?? snapshot
  const next: ChannelRecord = {
    config: payment.config,
    chargedCumulativeAmount: charged,
    signedMaxClaimable: record?.signedMaxClaimable ?? payment.voucher.maxClaimableAmount,
    signature: record?.signature ?? payment.voucher.signature,
    snapshot: after,
  }
  // A full refund leaves nothing unclaimed: the record goes ("Update channel state").
  if (BigInt(after.balance) <= BigInt(after.totalClaimed)) flow.ledger.delete(channelId)
  else flow.ledger.put(channelId, next)
  const refunded =
    typeof response.amount === 'string' && response.amount !== '' ? response.amount : `${amount}`
  return flow.answer(
    { refunded },
    {
      success: true,
      transaction: response.transaction,
      network: flow.offer.network,
      payer: payment.config.payer,
      amount: refunded,
      extra: flow.steps.refundExtra(channelStateOf(next), BigInt(flow.offer.amount)),
    },
  )
}
