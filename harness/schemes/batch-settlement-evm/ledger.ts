/**
 * The server's per-channel state of `batch-settlement` (scheme_batch_settlement_evm.md "Server: State &
 * Forwarding / Per-Channel State"): what it has charged on each channel, the latest voucher the payer
 * signed, and the on-chain snapshot mirrored from the facilitator. The server is the sole owner of this
 * state; `lock` serialises the requests of one channel so two of them never judge against the same
 * `chargedCumulativeAmount`.
 */
import type { Hex } from 'viem'
import { KeyedQueue } from '../../model/keyed-queue.ts'
import type { ChannelConfig, ChannelSnapshot } from './channel.ts'

/** The server's record of one channel. */
export interface ChannelRecord {
  config: ChannelConfig
  /** What the server actually charged on the channel, over every request. */
  chargedCumulativeAmount: bigint
  /** `maxClaimableAmount` of the latest voucher the payer signed, and its signature. */
  signedMaxClaimable: bigint
  signature: Hex
  /** The channel as the facilitator last reported it. */
  snapshot: ChannelSnapshot
}

/** The wire `channelState` of responses and corrective 402s: the snapshot plus what was charged. */
export type ServerChannelState = ChannelSnapshot & { chargedCumulativeAmount: string }

/** Per-channel records and locks of one server. */
export class ChannelLedger {
  private readonly records = new Map<string, ChannelRecord>()
  private readonly queue = new KeyedQueue()

  /** The record of `channelId` (any hex case), if the server has one. */
  get(channelId: Hex): ChannelRecord | undefined {
    return this.records.get(channelId.toLowerCase())
  }

  /** Stores (replaces) the record of a channel. */
  put(channelId: Hex, record: ChannelRecord): void {
    this.records.set(channelId.toLowerCase(), record)
  }

  /** Forgets a channel (after a full refund). */
  delete(channelId: Hex): void {
    this.records.delete(channelId.toLowerCase())
  }

  /** Every record (for claims). */
  all(): Array<[Hex, ChannelRecord]> {
    return [...this.records.entries()].map(([id, record]) => [id as Hex, record])
  }

  /** Runs `work` with the channel locked against other requests of the same channel. */
  lock<T>(channelId: Hex, work: () => Promise<T>): Promise<T> {
    return this.queue.run(channelId.toLowerCase(), work)
  }
}

/** The wire channel state of a record. */
export function channelStateOf(record: ChannelRecord): ServerChannelState {
  return { ...record.snapshot, chargedCumulativeAmount: record.chargedCumulativeAmount.toString() }
}
