/**
 * Reading a `batch-settlement` /verify or /settle body: the envelope checks every payload type shares
 * (version 2, scheme, network, requirements) and the typed payload of each `type` (deposit, voucher,
 * refund, claim, settle). Nothing here touches the chain.
 */
import type { Address } from 'viem'
import { BATCH_SCHEME, readChannelConfig } from '../../schemes/batch-settlement-evm/channel.ts'
import { type BatchPayload, readBatchPayload } from '../../schemes/batch-settlement-evm/payload.ts'
import { BatchReason, type BatchReasonCode } from '../../schemes/batch-settlement-evm/reasons.ts'
import { isRecord, readAddress, readUint256 } from '../../wire/fields.ts'
import type { FacilitatorContext } from '../config.ts'
import type { FacilitatorBody } from '../payment.ts'

/** The requirements as the batch rules need them. */
export interface BatchRequirements {
  network: string
  amount: bigint
  asset: Address
  payTo: Address
  receiverAuthorizer: Address | undefined
  withdrawDelay: number | undefined
  name: string | undefined
  version: string | undefined
}

/** A read body: requirements and payload, or the first reason it is not one. */
export type BatchRead =
  | { ok: true; requirements: BatchRequirements; payload: BatchPayload }
  | { ok: false; reason: BatchReasonCode }

/** Whether the body is a batch-settlement one (either side names the scheme): the service's dispatch test. */
export function isBatchBody(body: FacilitatorBody): boolean {
  const accepted = body.paymentPayload.accepted
  return (
    body.paymentRequirements.scheme === BATCH_SCHEME ||
    (isRecord(accepted) && accepted.scheme === BATCH_SCHEME)
  )
}

/** `channelConfig.payer` of the payload (the first claim row's for a claim), for every answer's `payer`. */
export function batchPayerOf(body: FacilitatorBody): string | undefined {
  const payload = body.paymentPayload.payload
  if (!isRecord(payload)) return undefined
  const config = readChannelConfig(payload.channelConfig)
  return config?.payer
}

/** Reads the body; `forSettle` admits the server-side `claim` and `settle` actions. */
export function readBatch(context: FacilitatorContext, body: FacilitatorBody, forSettle: boolean): BatchRead {
  const fail = (reason: BatchReasonCode): BatchRead => ({ ok: false, reason })
  const requirements = body.paymentRequirements
  const payment = body.paymentPayload
  const accepted = payment.accepted
  if (payment.x402Version !== 2 || !isRecord(accepted)) return fail(BatchReason.payloadType)
  if (requirements.scheme !== BATCH_SCHEME || accepted.scheme !== BATCH_SCHEME)
    return fail(BatchReason.scheme)
  if (requirements.network !== context.preset.network || accepted.network !== requirements.network)
    return fail(BatchReason.networkMismatch)

  const extra = isRecord(requirements.extra) ? requirements.extra : {}
  const amount = readUint256(requirements.amount)
  const asset = readAddress(requirements.asset)
  const payTo = readAddress(requirements.payTo)
  if (amount === undefined || !asset || !payTo) return fail(BatchReason.payloadType)
  const delay = extra.withdrawDelay
  const read: BatchRequirements = {
    network: requirements.network,
    amount,
    asset,
    payTo,
    receiverAuthorizer: readAddress(extra.receiverAuthorizer),
    withdrawDelay: typeof delay === 'number' ? delay : typeof delay === 'string' ? Number(delay) : undefined,
    name: typeof extra.name === 'string' ? extra.name : undefined,
    version: typeof extra.version === 'string' ? extra.version : undefined,
  }

  const raw = payment.payload
  if (!isRecord(raw)) return fail(BatchReason.payloadType)
  const payload = readBatchPayload(raw, forSettle)
  if (!('type' in payload)) return fail(payload.reason)
  return { ok: true, requirements: read, payload }
}
