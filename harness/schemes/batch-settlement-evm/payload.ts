/**
 * The `batch-settlement` payload of a PaymentPayload, typed (scheme_batch_settlement_evm.md "Client:
 * Payment Construction" and the server-side `claim` / `settle` actions): one reader for every
 * `type`, answering the scheme's own error code of the first part that is malformed. Nothing here
 * touches the chain or the envelope around the payload.
 */
import type { Address, Hex } from 'viem'
import { isRecord, readAddress, readHexBytes, readUint256 } from '../../wire/fields.ts'
import { type ChannelConfig, readChannelConfig, readVoucher, type Voucher } from './channel.ts'
import { BatchReason, type BatchReasonCode } from './reasons.ts'

/** An ERC-3009 deposit authorization (to the deposit collector; nonce derived from channel id and salt). */
export interface DepositAuthorization {
  validAfter: bigint
  validBefore: bigint
  salt: bigint
  signature: Hex
}

/** One row of a claim: a signed voucher of a channel and the cumulative total claimed with it. */
export interface ClaimRow {
  channel: ChannelConfig
  maxClaimableAmount: bigint
  signature: Hex
  totalClaimed: bigint
}

/** Every payload type, typed. */
export type BatchPayload =
  | { type: 'voucher'; channelConfig: ChannelConfig; voucher: Voucher }
  | {
      type: 'deposit'
      channelConfig: ChannelConfig
      voucher: Voucher
      deposit: { amount: bigint; authorization: DepositAuthorization }
    }
  | {
      type: 'refund'
      channelConfig: ChannelConfig
      voucher: Voucher
      amount: bigint | undefined
      refundNonce: bigint | undefined
      claims: ClaimRow[]
    }
  | { type: 'claim'; claims: ClaimRow[]; claimAuthorizerSignature: Hex | undefined }
  | { type: 'settle'; receiver: Address; token: Address }

/** Reads a payload object; `forSettle` admits the server-side `claim` and `settle` actions. */
export function readBatchPayload(
  raw: Record<string, unknown>,
  forSettle: boolean,
): BatchPayload | { reason: BatchReasonCode } {
  switch (raw.type) {
    case 'voucher': {
      const channelConfig = readChannelConfig(raw.channelConfig)
      const voucher = readVoucher(raw.voucher)
      if (!channelConfig || !voucher) return { reason: BatchReason.voucherPayload }
      return { type: 'voucher', channelConfig, voucher }
    }
    case 'deposit': {
      const channelConfig = readChannelConfig(raw.channelConfig)
      const voucher = readVoucher(raw.voucher)
      const deposit = isRecord(raw.deposit) ? raw.deposit : undefined
      const amount = readUint256(deposit?.amount)
      if (!channelConfig || !voucher || !deposit || amount === undefined || amount === 0n)
        return { reason: BatchReason.depositPayload }
      const authorizations = isRecord(deposit.authorization) ? deposit.authorization : {}
      const erc3009 = authorizations.erc3009Authorization
      if (!isRecord(erc3009)) return { reason: BatchReason.erc3009Required }
      const validAfter = readUint256(erc3009.validAfter)
      const validBefore = readUint256(erc3009.validBefore)
      const salt =
        typeof erc3009.salt === 'string' && /^(0x[0-9a-fA-F]{1,64}|[0-9]{1,78})$/.test(erc3009.salt)
          ? BigInt(erc3009.salt)
          : undefined
      const signature = readHexBytes(erc3009.signature)
      if (validAfter === undefined || validBefore === undefined || salt === undefined || !signature)
        return { reason: BatchReason.depositPayload }
      return {
        type: 'deposit',
        channelConfig,
        voucher,
        deposit: { amount, authorization: { validAfter, validBefore, salt, signature } },
      }
    }
    case 'refund': {
      const channelConfig = readChannelConfig(raw.channelConfig)
      const voucher = readVoucher(raw.voucher)
      if (!channelConfig || !voucher) return { reason: BatchReason.refundPayload }
      const amount = raw.amount === undefined ? undefined : readUint256(raw.amount)
      const refundNonce = raw.refundNonce === undefined ? undefined : readUint256(raw.refundNonce)
      if (
        (raw.amount !== undefined && amount === undefined) ||
        (raw.refundNonce !== undefined && refundNonce === undefined)
      )
        return { reason: BatchReason.refundPayload }
      const claims = raw.claims === undefined ? [] : readClaims(raw.claims)
      if (!claims) return { reason: BatchReason.refundPayload }
      return { type: 'refund', channelConfig, voucher, amount, refundNonce, claims }
    }
    case 'claim': {
      if (!forSettle) return { reason: BatchReason.payloadType }
      const claims = readClaims(raw.claims)
      if (!claims || claims.length === 0) return { reason: BatchReason.claimPayload }
      const signature =
        raw.claimAuthorizerSignature === undefined ? undefined : readHexBytes(raw.claimAuthorizerSignature)
      if (raw.claimAuthorizerSignature !== undefined && !signature)
        return { reason: BatchReason.claimPayload }
      return { type: 'claim', claims, claimAuthorizerSignature: signature }
    }
    case 'settle': {
      if (!forSettle) return { reason: BatchReason.payloadType }
      const receiver = readAddress(raw.receiver)
      const token = readAddress(raw.token)
      if (!receiver || !token) return { reason: BatchReason.settlePayload }
      return { type: 'settle', receiver, token }
    }
    default:
      return { reason: forSettle ? BatchReason.unknownSettleAction : BatchReason.payloadType }
  }
}

/** Reads claim rows `{voucher: {channel, maxClaimableAmount}, signature, totalClaimed}`. */
function readClaims(value: unknown): ClaimRow[] | undefined {
  if (!Array.isArray(value)) return undefined
  const rows: ClaimRow[] = []
  for (const item of value) {
    if (!isRecord(item) || !isRecord(item.voucher)) return undefined
    const channel = readChannelConfig(item.voucher.channel)
    const maxClaimableAmount = readUint256(item.voucher.maxClaimableAmount)
    const signature = readHexBytes(item.signature)
    const totalClaimed = readUint256(item.totalClaimed)
    if (!channel || maxClaimableAmount === undefined || !signature || totalClaimed === undefined)
      return undefined
    if (maxClaimableAmount >= 1n << 128n || totalClaimed >= 1n << 128n) return undefined
    rows.push({ channel, maxClaimableAmount, signature, totalClaimed })
  }
  return rows
}
