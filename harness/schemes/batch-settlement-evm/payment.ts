/**
 * Reading a `batch-settlement` payment as the server needs it (scheme_batch_settlement_evm.md "Client:
 * Payment Construction"): the payload type, the channel config, the voucher, and a refund's optional
 * amount. Everything else (signatures, balances) is the facilitator's to judge.
 */

import { isRecord, readUint256 } from '../../wire/fields.ts'
import { type ChannelConfig, readChannelConfig, readVoucher, type Voucher } from './channel.ts'

/** A batch payment the server can act on. */
export type BatchPayment =
  | { type: 'voucher'; config: ChannelConfig; voucher: Voucher }
  | { type: 'deposit'; config: ChannelConfig; voucher: Voucher; depositAmount: bigint }
  | { type: 'refund'; config: ChannelConfig; voucher: Voucher; amount: bigint | undefined }

/** Reads `paymentPayload.payload`, or says which part is malformed. */
export function readBatchPayment(
  payload: unknown,
): { ok: true; payment: BatchPayment } | { ok: false; error: string } {
  if (!isRecord(payload)) return { ok: false, error: 'payload is not an object' }
  const config = readChannelConfig(payload.channelConfig)
  if (!config) return { ok: false, error: 'payload.channelConfig is malformed' }
  const voucher = readVoucher(payload.voucher)
  if (!voucher) return { ok: false, error: 'payload.voucher is malformed' }
  switch (payload.type) {
    case 'voucher':
      return { ok: true, payment: { type: 'voucher', config, voucher } }
    case 'deposit': {
      const deposit = isRecord(payload.deposit) ? payload.deposit : undefined
      const depositAmount = readUint256(deposit?.amount)
      if (depositAmount === undefined || depositAmount === 0n)
        return { ok: false, error: 'payload.deposit.amount is malformed' }
      return { ok: true, payment: { type: 'deposit', config, voucher, depositAmount } }
    }
    case 'refund': {
      if (payload.amount === undefined)
        return { ok: true, payment: { type: 'refund', config, voucher, amount: undefined } }
      const amount = readUint256(payload.amount)
      if (amount === undefined) return { ok: false, error: 'payload.amount is malformed' }
      return { ok: true, payment: { type: 'refund', config, voucher, amount } }
    }
    default:
      return {
        ok: false,
        error: `payload.type ${JSON.stringify(payload.type)} is not deposit, voucher or refund`,
      }
  }
}
