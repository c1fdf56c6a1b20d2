/**
 * The `batch-settlement` client the server suite plays (scheme_batch_settlement_evm.md "Client: Payment
 * Construction"): one channel of a funded account to the server's batch offer, and v2 payment payloads
 * for it (deposit, cumulative voucher, refund), honest unless the caller picks another ceiling or
 * signer. Sending is the caller's.
 */
import type { Hex, LocalAccount } from 'viem'
import {
  type BatchChannel,
  type BatchOffer,
  depositPayload,
  openChannel,
  signVoucher,
  voucherPayload,
  wireConfig,
} from '../schemes/batch-settlement-evm/build.ts'
import type { PaymentPayloadV2, PaymentRequirementsV2 } from '../wire/types.ts'

/** A payer's channel to one batch offer. */
export interface BatchPayer {
  channel: BatchChannel
  channelId: Hex
  /** A deposit of `amount` with a first voucher of `cumulative` (validBefore from `now`). */
  deposit(amount: bigint, cumulative: bigint, now: bigint): Promise<PaymentPayloadV2>
  /** A voucher of `cumulative`, signed by the payer unless `signer` is given. */
  voucher(cumulative: bigint, signer?: LocalAccount): Promise<PaymentPayloadV2>
  /** A refund: a zero-charge voucher of `cumulative` and, for a partial refund, `amount`. */
  refund(cumulative: bigint, amount?: bigint): Promise<PaymentPayloadV2>
}

/** Opens (off chain) a channel of `payer` to `offer`; salt random unless given. */
export function batchPayer(
  offer: PaymentRequirementsV2,
  payer: LocalAccount,
  chainId: number,
  salt?: Hex,
): BatchPayer {
  const channel = openChannel({
    offer: offer as unknown as BatchOffer,
    payer,
    chainId,
    ...(salt ? { salt } : {}),
  })
  const wrap = (payload: unknown): PaymentPayloadV2 => ({
    x402Version: 2,
    accepted: offer,
    payload: payload as Record<string, unknown>,
  })
  return {
    channel,
    channelId: channel.channelId,
    deposit: async (amount, cumulative, now) => wrap(await depositPayload(channel, amount, cumulative, now)),
    voucher: async (cumulative, signer) => wrap(await voucherPayload(channel, cumulative, signer)),
    refund: async (cumulative, amount) =>
      wrap({
        type: 'refund',
        channelConfig: wireConfig(channel.config),
        voucher: await signVoucher(channel, cumulative),
        ...(amount === undefined ? {} : { amount: `${amount}` }),
      }),
  }
}
