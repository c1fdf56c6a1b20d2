/**
 * Channels of the `batch-settlement` contract: the `ChannelConfig`, its EIP-712 channel id, the typed
 * data of vouchers, refunds and claim batches, and the on-chain snapshot every answer carries
 * (scheme_batch_settlement_evm.md; x402-digest §4.3).
 */
import { type Address, getAddress, type Hex, hashTypedData, type PublicClient } from 'viem'
import { batchSettlementAbi } from '../../../contracts/artifacts/index.ts'
import { BATCH_SETTLEMENT_ADDRESS } from '../../devnet/batch.ts'
import { isRecord, readAddress, readBytes32, readHexBytes, readUint256 } from '../../wire/fields.ts'

/** The scheme name on the wire. */
export const BATCH_SCHEME = 'batch-settlement'

/** Withdraw delay bounds of the contract (15 minutes to 30 days). */
export const MIN_WITHDRAW_DELAY = 900
export const MAX_WITHDRAW_DELAY = 30 * 24 * 3600

/** The immutable parameters of a channel. */
export interface ChannelConfig {
  payer: Address
  payerAuthorizer: Address
  receiver: Address
  receiverAuthorizer: Address
  token: Address
  withdrawDelay: number
  salt: Hex
}

/** A signed cumulative voucher. */
export interface Voucher {
  channelId: Hex
  maxClaimableAmount: bigint
  signature: Hex
}

/** What every answer reports about a channel (wire form: amounts as decimal strings). */
export interface ChannelSnapshot {
  channelId: Hex
  balance: string
  totalClaimed: string
  withdrawRequestedAt: number
  refundNonce: string
}

/** On-chain state of a channel, typed. */
export interface ChannelState {
  balance: bigint
  totalClaimed: bigint
  withdrawRequestedAt: number
  refundNonce: bigint
}

/** EIP-712 types of the contract (the SDK's, verbatim in field order). */
export const channelConfigTypes = {
  ChannelConfig: [
    { name: 'payer', type: 'address' },
    { name: 'payerAuthorizer', type: 'address' },
    { name: 'receiver', type: 'address' },
    { name: 'receiverAuthorizer', type: 'address' },
    { name: 'token', type: 'address' },
    { name: 'withdrawDelay', type: 'uint40' },
    { name: 'salt', type: 'bytes32' },
  ],
} as const
export const voucherTypes = {
  Voucher: [
    { name: 'channelId', type: 'bytes32' },
    { name: 'maxClaimableAmount', type: 'uint128' },
  ],
} as const
export const refundTypes = {
  Refund: [
    { name: 'channelId', type: 'bytes32' },
    { name: 'nonce', type: 'uint256' },
    { name: 'amount', type: 'uint128' },
  ],
} as const
export const claimBatchTypes = {
  ClaimBatch: [{ name: 'claims', type: 'ClaimEntry[]' }],
  ClaimEntry: [
    { name: 'channelId', type: 'bytes32' },
    { name: 'maxClaimableAmount', type: 'uint128' },
    { name: 'totalClaimed', type: 'uint128' },
  ],
} as const

/** The contract's EIP-712 domain on a chain. */
export function batchDomain(chainId: number) {
  return {
    name: 'x402 Batch Settlement',
    version: '1',
    chainId,
    verifyingContract: BATCH_SETTLEMENT_ADDRESS,
  } as const
}

/** The channel id: the EIP-712 hash of the config under the contract's domain. */
export function channelIdOf(config: ChannelConfig, chainId: number): Hex {
  return hashTypedData({
    domain: batchDomain(chainId),
    types: channelConfigTypes,
    primaryType: 'ChannelConfig',
    message: config,
  })
}

/** The config in the contract's argument form. */
export function contractConfig(config: ChannelConfig) {
  return { ...config, withdrawDelay: config.withdrawDelay }
}

/** Reads a wire `channelConfig` (withdrawDelay as a number or decimal string), or undefined. */
export function readChannelConfig(value: unknown): ChannelConfig | undefined {
  if (!isRecord(value)) return undefined
  const payer = readAddress(value.payer)
  const payerAuthorizer = readAddress(value.payerAuthorizer)
  const receiver = readAddress(value.receiver)
  const receiverAuthorizer = readAddress(value.receiverAuthorizer)
  const token = readAddress(value.token)
  const salt = readBytes32(value.salt)
  const delay =
    typeof value.withdrawDelay === 'number' ? value.withdrawDelay : Number(readUint256(value.withdrawDelay))
  if (!payer || !payerAuthorizer || !receiver || !receiverAuthorizer || !token || !salt) return undefined
  if (!Number.isInteger(delay) || delay < 0 || delay >= 2 ** 40) return undefined
  return { payer, payerAuthorizer, receiver, receiverAuthorizer, token, withdrawDelay: delay, salt }
}

/** Reads a wire voucher `{channelId, maxClaimableAmount, signature}`, or undefined. */
export function readVoucher(value: unknown): Voucher | undefined {
  if (!isRecord(value)) return undefined
  const channelId = readBytes32(value.channelId)
  const maxClaimableAmount = readUint256(value.maxClaimableAmount)
  const signature = readHexBytes(value.signature)
  if (!channelId || maxClaimableAmount === undefined || !signature) return undefined
  if (maxClaimableAmount >= 1n << 128n) return undefined
  return { channelId, maxClaimableAmount, signature }
}

/** Reads `channels`, `pendingWithdrawals` and `refundNonce` of a channel. Throws when the chain cannot be read. */
export async function readChannelState(client: PublicClient, channelId: Hex): Promise<ChannelState> {
  const contract = { address: BATCH_SETTLEMENT_ADDRESS, abi: batchSettlementAbi } as const
  const [channel, pending, nonce] = await Promise.all([
    client.readContract({ ...contract, functionName: 'channels', args: [channelId] }),
    client.readContract({ ...contract, functionName: 'pendingWithdrawals', args: [channelId] }),
    client.readContract({ ...contract, functionName: 'refundNonce', args: [channelId] }),
  ])
  const [balance, totalClaimed] = channel as readonly [bigint, bigint]
  const [, initiatedAt] = pending as readonly [bigint, number]
  return { balance, totalClaimed, withdrawRequestedAt: Number(initiatedAt), refundNonce: nonce as bigint }
}

/** The wire snapshot of a channel state. */
export function snapshotOf(channelId: Hex, state: ChannelState): ChannelSnapshot {
  return {
    channelId,
    balance: state.balance.toString(),
    totalClaimed: state.totalClaimed.toString(),
    withdrawRequestedAt: state.withdrawRequestedAt,
    refundNonce: state.refundNonce.toString(),
  }
}

/** Reads a wire channel snapshot (a facilitator's `extra`, a receipt's `channelState`), or undefined. */
export function readChannelSnapshot(value: unknown): ChannelSnapshot | undefined {
  if (!isRecord(value)) return undefined
  const { channelId, balance, totalClaimed, withdrawRequestedAt, refundNonce } = value
  if (typeof channelId !== 'string' || typeof balance !== 'string' || typeof totalClaimed !== 'string')
    return undefined
  return {
    channelId: channelId as Hex,
    balance,
    totalClaimed,
    withdrawRequestedAt:
      typeof withdrawRequestedAt === 'number' ? withdrawRequestedAt : Number(withdrawRequestedAt ?? 0),
    refundNonce: typeof refundNonce === 'string' ? refundNonce : String(refundNonce ?? '0'),
  }
}

/** Checksums, for comparing addresses. */
export const same = (a: string, b: string): boolean => getAddress(a) === getAddress(b)
