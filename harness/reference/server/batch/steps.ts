/**
 * The reference server's `batch-settlement` rules as named steps (scheme_batch_settlement_evm.md
 * "Server: State & Forwarding / Request Processing"). `./flow.ts` runs them in the spec's order; each
 * step here is the correct behaviour. A variant replaces one step (`{ ...referenceBatchSteps, … }`),
 * which is how the known-bad batch servers of the self-test break exactly one rule.
 */
import type { Hex } from 'viem'
import type { ChannelSnapshot } from '../../../schemes/batch-settlement-evm/channel.ts'
import type {
  ChannelLedger,
  ChannelRecord,
  ServerChannelState,
} from '../../../schemes/batch-settlement-evm/ledger.ts'
import type { BatchPayment } from '../../../schemes/batch-settlement-evm/payment.ts'
import type { Reply } from '../reply.ts'

/** The steps of one batch request, in the order `./flow.ts` calls them. */
export interface BatchServerSteps {
  /** Runs the request with its channel locked: two requests of one channel never judge the same charge. */
  serialise(ledger: ChannelLedger, channelId: Hex, work: () => Promise<Reply>): Promise<Reply>
  /**
   * The snapshot the server takes without asking its facilitator, or undefined to ask (/verify, and a
   * deposit's settlement decides). The reference always asks.
   */
  unasked(payment: BatchPayment, record: ChannelRecord | undefined): ChannelSnapshot | undefined
  /** What a channel the server has no record of has been charged: the on-chain `totalClaimed` ("Server state loss"). */
  baseline(payment: BatchPayment, price: bigint, snapshot: ChannelSnapshot | undefined): bigint
  /** Whether the voucher is the one due: `chargedCumulativeAmount + amount` (a refund: `chargedCumulativeAmount`). */
  voucherDue(payment: BatchPayment, due: bigint): boolean
  /** What one served request charges: the requirement's amount. */
  charge(price: bigint): bigint
  /** `extra` of a refund's payment response: the channel state, no `chargedAmount` (nothing was charged). */
  refundExtra(channelState: ServerChannelState, price: bigint): Record<string, unknown>
}

/** The correct behaviour of every batch step. */
export const referenceBatchSteps: BatchServerSteps = {
  serialise: (ledger, channelId, work) => ledger.lock(channelId, work),
  unasked: () => undefined,
  baseline: (_payment, _price, snapshot) => BigInt(snapshot?.totalClaimed ?? '0'),
  voucherDue: (payment, due) => payment.voucher.maxClaimableAmount === due,
  charge: (price) => price,
  refundExtra: (channelState) => ({ channelState }),
}
