/**
 * The paywall's own honest `batch-settlement` accounting (scheme_batch_settlement_evm.md "Server: State
 * & Forwarding / Request Processing"), written for the judge and sharing no code with the reference
 * server: only the scheme module (ledger, payment reader, channel id, snapshot reader) pinned against
 * the published SDK. One request, serialised per channel:
 * 1. a channel id that is not the config's hash gets `…_channel_id_mismatch`;
 * 2. without a record the channel is verified first and counted from its on-chain `totalClaimed`;
 * 3. the voucher must equal `chargedCumulativeAmount + amount`, else the corrective 402;
 * 4. /verify, then a deposit is settled; only then is the charge committed and the resource served.
 * The endpoint takes deposits and vouchers only: a refund is answered 400 (the client cases ask none).
 */
import {
  type ChannelSnapshot,
  channelIdOf,
  readChannelSnapshot,
} from '../../schemes/batch-settlement-evm/channel.ts'
import {
  type ChannelLedger,
  type ChannelRecord,
  channelStateOf,
  type ServerChannelState,
} from '../../schemes/batch-settlement-evm/ledger.ts'
import type { BatchPayment } from '../../schemes/batch-settlement-evm/payment.ts'
import { isRecord } from '../../wire/fields.ts'
import { encodeHeader } from '../../wire/index.ts'
import type {
  PaymentPayloadV2,
  PaymentRequiredV2,
  PaymentRequirementsV2,
  VerifyResponse,
} from '../../wire/types.ts'
import { challengeReply, invalidPaymentReply, PAID_RESOURCE_BODY } from './replies.ts'
import type { EndpointState, PaywallReply } from './types.ts'

const MISMATCH = 'invalid_batch_settlement_evm_cumulative_amount_mismatch'
const JSON_TYPE = { 'content-type': 'application/json' }

/** What one batch request is judged with. */
export interface PaywallBatchRequest {
  paymentRequired: PaymentRequiredV2
  /** The batch entry of `paymentRequired.accepts`. */
  offer: PaymentRequirementsV2
  chainId: number
  ledger: ChannelLedger
  /** /verify of the built-in facilitator. */
  verify(request: unknown): Promise<VerifyResponse>
  state: EndpointState
  payload: PaymentPayloadV2
  payment: BatchPayment
  /** What this request charges when it is served (the amount, unless a hostility overcharges). */
  charge: bigint
  /** Sees (and may change) the receipt of a served request before it is sent. */
  onReceipt(receipt: Record<string, unknown>): Record<string, unknown>
}

/** Answers one batch payment already matched against the batch offer. */
export function answerBatchPayment(request: PaywallBatchRequest): Promise<PaywallReply> {
  const { payment } = request
  const channelId = payment.voucher.channelId
  if (channelIdOf(payment.config, request.chainId).toLowerCase() !== channelId.toLowerCase())
    return Promise.resolve(challenge(request, 'invalid_batch_settlement_evm_channel_id_mismatch'))
  if (payment.type === 'refund') return Promise.resolve(invalidPaymentReply('this endpoint takes no refunds'))
  return request.ledger.lock(channelId, () => judge(request))
}

async function judge(request: PaywallBatchRequest): Promise<PaywallReply> {
  const { payment, offer, ledger } = request
  const channelId = payment.voucher.channelId
  const body = { x402Version: 2, paymentPayload: request.payload, paymentRequirements: offer }
  const record = ledger.get(channelId)
  let snapshot = record?.snapshot
  if (record === undefined) {
    const verified = await verify(request, body)
    if ('reply' in verified) return verified.reply
    snapshot = verified.snapshot
  }
  const charged = record?.chargedCumulativeAmount ?? BigInt(snapshot?.totalClaimed ?? '0')
  const ceiling = payment.voucher.maxClaimableAmount
  if (ceiling !== charged + BigInt(offer.amount)) return corrective(request, charged, record, snapshot)
  if (record !== undefined) {
    const verified = await verify(request, body)
    if ('reply' in verified) return verified.reply
    snapshot = verified.snapshot ?? record.snapshot
  }
  if (snapshot === undefined) return serverError('facilitator /verify answered no channel snapshot')

  let transaction = ''
  let amount = ''
  if (payment.type === 'deposit') {
    const settled = await request.state.settle({ version: 2, ...body })
    const response = settled.response
    if (response === undefined) return serverError(settled.error ?? 'no settlement')
    if (response.success !== true || !response.transaction) {
      const failed = challenge(request, response.errorReason ?? 'settlement_failed')
      return { ...failed, headers: { ...failed.headers, 'PAYMENT-RESPONSE': encodeHeader(response) } }
    }
    transaction = response.transaction
    amount =
      typeof response.amount === 'string' && response.amount !== ''
        ? response.amount
        : `${payment.depositAmount}`
    snapshot =
      readChannelSnapshot(isRecord(response.extra) ? response.extra.channelState : undefined) ?? snapshot
  }
  const keepOld = record !== undefined && record.signedMaxClaimable > ceiling
  const committed: ChannelRecord = {
    config: payment.config,
    chargedCumulativeAmount: charged + request.charge,
    signedMaxClaimable: keepOld ? record.signedMaxClaimable : ceiling,
    signature: keepOld ? record.signature : payment.voucher.signature,
    snapshot,
  }
  ledger.put(channelId, committed)
  const receipt = request.onReceipt({
    success: true,
    transaction,
    network: offer.network,
    payer: payment.config.payer,
    amount,
    extra: { chargedAmount: `${request.charge}`, channelState: channelStateOf(committed) },
  })
  return {
    status: 200,
    headers: { ...JSON_TYPE, 'PAYMENT-RESPONSE': encodeHeader(receipt) },
    body: PAID_RESOURCE_BODY,
  }
}

/** /verify: a refusal is a 402 with the facilitator's reason, no answer a 500. */
async function verify(
  request: PaywallBatchRequest,
  body: unknown,
): Promise<{ snapshot: ChannelSnapshot | undefined } | { reply: PaywallReply }> {
  let response: VerifyResponse
  try {
    response = await request.verify(body)
  } catch (error) {
    return { reply: serverError(error instanceof Error ? error.message : String(error)) }
  }
  if (!response.isValid) return { reply: challenge(request, response.invalidReason ?? 'invalid_payment') }
  return { snapshot: readChannelSnapshot((response as { extra?: unknown }).extra) }
}

/** The corrective 402: the batch offer carries the channel state and the latest voucher signed on it. */
function corrective(
  request: PaywallBatchRequest,
  charged: bigint,
  record: ChannelRecord | undefined,
  snapshot: ChannelSnapshot | undefined,
): PaywallReply {
  const channelId = request.payment.voucher.channelId
  const base = snapshot ?? {
    channelId,
    balance: '0',
    totalClaimed: '0',
    withdrawRequestedAt: 0,
    refundNonce: '0',
  }
  const channelState: ServerChannelState = { ...base, chargedCumulativeAmount: `${charged}` }
  const extra: Record<string, unknown> = { ...request.offer.extra, channelState }
  if (record)
    extra.voucherState = { signedMaxClaimable: `${record.signedMaxClaimable}`, signature: record.signature }
  const accepts = request.paymentRequired.accepts.map((entry) =>
    entry === request.offer ? { ...entry, extra } : entry,
  )
  return challenge(request, MISMATCH, accepts)
}

function challenge(
  request: PaywallBatchRequest,
  error: string,
  accepts?: PaymentRequirementsV2[],
): PaywallReply {
  const { paymentRequired } = request
  return challengeReply({ ...paymentRequired, error, accepts: accepts ?? paymentRequired.accepts })
}

/** 500: the paywall could not process the payment (its facilitator failed). */
function serverError(message: string): PaywallReply {
  return {
    status: 500,
    headers: { ...JSON_TYPE, 'cache-control': 'no-store' },
    body: JSON.stringify({ error: 'payment_processing_failed', message }),
  }
}
