/**
 * Built-in `batch-settlement` (x402 v2, EVM) support of the facilitator: /verify of deposit, voucher
 * and refund payloads (rules 1-11, the channel snapshot in `extra`), /settle of those plus the
 * server-side `claim` and `settle` actions (`extra.channelState` in every answer). The service hands
 * it every body whose scheme is `batch-settlement`.
 */

import { snapshotOf } from '../../schemes/batch-settlement-evm/channel.ts'
import { BatchReason } from '../../schemes/batch-settlement-evm/reasons.ts'
import type { FacilitatorContext } from '../config.ts'
import type { FacilitatorBody } from '../payment.ts'
import { batchPayerOf, readBatch } from './payload.ts'
import { type BatchSettleAnswer, createBatchSettle } from './settle.ts'
import type { BatchFacilitatorSteps } from './steps.ts'
import { verifyBatch } from './verify.ts'

export {
  BATCH_REASON_PREFIX,
  BatchReason,
  type BatchReasonCode,
} from '../../schemes/batch-settlement-evm/reasons.ts'
export { batchPayerOf, isBatchBody } from './payload.ts'
export type { BatchSettleAnswer } from './settle.ts'
export { type BatchFacilitatorSteps, type ClaimSent, type ClaimTools, referenceBatchSteps } from './steps.ts'

/** A /verify answer of the batch scheme: a VerifyResponse whose `extra` is the channel snapshot. */
export interface BatchVerifyAnswer {
  isValid: boolean
  invalidReason?: string
  payer?: string
  extra?: Record<string, unknown>
}

/** The batch handler of one facilitator. */
export interface BatchHandler {
  verify(body: FacilitatorBody): Promise<BatchVerifyAnswer>
  settle(body: FacilitatorBody): Promise<BatchSettleAnswer>
}

/** Creates the batch handler with its rules (the reference's, or a variant with one step replaced). */
export function createBatchHandler(context: FacilitatorContext, steps: BatchFacilitatorSteps): BatchHandler {
  const settle = createBatchSettle(context, steps)
  return {
    async verify(body) {
      const payer = batchPayerOf(body)
      const base = payer ? { payer } : {}
      const read = readBatch(context, body, false)
      if (!read.ok) return { isValid: false, invalidReason: read.reason, ...base }
      const payload = read.payload
      if (payload.type === 'claim' || payload.type === 'settle')
        return { isValid: false, invalidReason: BatchReason.payloadType, ...base }
      try {
        const verdict = await verifyBatch(context, read.requirements, payload, steps)
        const extra = verdict.state ? { extra: { ...snapshotOf(verdict.channelId, verdict.state) } } : {}
        return verdict.isValid
          ? { isValid: true, ...base, ...extra }
          : { isValid: false, invalidReason: verdict.reason, ...base, ...extra }
      } catch {
        return { isValid: false, invalidReason: BatchReason.rpcReadFailed, ...base }
      }
    },
    async settle(body) {
      const payer = batchPayerOf(body)
      const network =
        typeof body.paymentRequirements.network === 'string'
          ? body.paymentRequirements.network
          : context.preset.network
      const read = readBatch(context, body, true)
      if (!read.ok)
        return {
          success: false,
          errorReason: read.reason,
          transaction: '',
          network,
          ...(payer ? { payer } : {}),
        }
      try {
        return await settle(read.requirements, read.payload)
      } catch {
        return {
          success: false,
          errorReason: BatchReason.rpcReadFailed,
          transaction: '',
          network,
          ...(payer ? { payer } : {}),
        }
      }
    },
  }
}
