/**
 * The built-in facilitator's `batch-settlement` rules as named steps (scheme_batch_settlement_evm.md
 * "Verification Rules" and "Settlement"). `./verify.ts` and `./settle.ts` call them; each step here is
 * the correct behaviour. A variant replaces one step (`{ ...referenceBatchSteps, … }`), which is how the
 * known-bad batch facilitators of the self-test break exactly one rule.
 */
import type { Hash, Hex, TransactionReceipt } from 'viem'
import type { ChannelConfig, ChannelState, Voucher } from '../../schemes/batch-settlement-evm/channel.ts'
import type { ClaimRow } from '../../schemes/batch-settlement-evm/payload.ts'
import { BatchReason, type BatchReasonCode } from '../../schemes/batch-settlement-evm/reasons.ts'
import type { FacilitatorContext } from '../config.ts'
import { sendErrorLine } from '../revert.ts'
import { voucherSigned } from './voucher-signature.ts'

/** What the claim step may use of the facilitator: its chain access, one send at a time. */
export interface ClaimTools {
  context: FacilitatorContext
  /** Sends calldata to the channel contract (the facilitator's signer, its nonce management). */
  send(data: Hex, gas?: bigint): Promise<Hash>
  /** Whether an `eth_call` of the calldata succeeds. */
  simulate(data: Hex): Promise<boolean>
  mined(hash: Hash): Promise<TransactionReceipt>
  /** Rule 6, for each claim row. */
  voucherSigned(
    config: ChannelConfig,
    voucher: Pick<Voucher, 'channelId' | 'maxClaimableAmount' | 'signature'>,
  ): Promise<boolean>
  readState(channelId: Hex): Promise<ChannelState>
}

/** A claim sent, or the first reason it is refused. */
export type ClaimSent = { ok: true; hash: Hash } | { ok: false; reason: BatchReasonCode; message?: string }

/** The batch-settlement rules of the facilitator. */
export interface BatchFacilitatorSteps {
  /** Rule 6: the voucher is signed by the payer authorizer (else the payer, EOA or ERC-1271). */
  voucherSignature(
    context: FacilitatorContext,
    config: ChannelConfig,
    voucher: Pick<Voucher, 'channelId' | 'maxClaimableAmount' | 'signature'>,
  ): Promise<boolean>
  /** Rule 9: `maxClaimableAmount` within the channel balance (plus the deposit). */
  withinBalance(maxClaimableAmount: bigint, ceiling: bigint): boolean
  /** Rule 10: above what is claimed (a refund: at least it). */
  aboveClaimed(
    type: 'voucher' | 'deposit' | 'refund',
    maxClaimableAmount: bigint,
    totalClaimed: bigint,
  ): boolean
  /** Rule 11: the refund nonce to sign (the on-chain one), or undefined when the payload names another. */
  refundNonce(given: bigint | undefined, onChain: bigint): bigint | undefined
  /** What a refund reports as its amount: what the chain paid out. */
  refundedAmount(requested: bigint, paid: bigint): bigint
  /** A claim: every row checked against the chain and simulated, then sent and confirmed. */
  submitClaim(
    tools: ClaimTools,
    rows: readonly ClaimRow[],
    ids: readonly Hex[],
    data: Hex,
  ): Promise<ClaimSent>
}

/** The correct behaviour of every batch rule. */
const referenceBatchRules: Omit<BatchFacilitatorSteps, 'voucherSignature'> = {
  withinBalance: (maxClaimableAmount, ceiling) => maxClaimableAmount <= ceiling,
  aboveClaimed: (type, maxClaimableAmount, totalClaimed) =>
    type === 'refund' ? maxClaimableAmount >= totalClaimed : maxClaimableAmount > totalClaimed,
  refundNonce: (given, onChain) => (given === undefined || given === onChain ? onChain : undefined),
  refundedAmount: (_requested, paid) => paid,
  async submitClaim(tools, rows, ids, data) {
    for (const [i, row] of rows.entries()) {
      const state = await tools.readState(ids[i]!)
      if (row.totalClaimed <= state.totalClaimed) continue // already claimed: the contract skips it
      if (row.totalClaimed > row.maxClaimableAmount || row.totalClaimed > state.balance)
        return { ok: false, reason: BatchReason.claimPayload }
      const signed = await tools.voucherSigned(row.channel, {
        channelId: ids[i]!,
        maxClaimableAmount: row.maxClaimableAmount,
        signature: row.signature,
      })
      if (!signed) return { ok: false, reason: BatchReason.claimPayload }
    }
    if (!(await tools.simulate(data))) return { ok: false, reason: BatchReason.claimSimulation }
    let hash: Hash
    try {
      hash = await tools.send(data)
    } catch (error) {
      return { ok: false, reason: BatchReason.claimTransaction, message: sendErrorLine(error) }
    }
    const receipt = await tools.mined(hash)
    if (receipt.status !== 'success') return { ok: false, reason: BatchReason.claimTransaction }
    return { ok: true, hash }
  },
}

/** Every batch rule, correct. */
export const referenceBatchSteps: BatchFacilitatorSteps = {
  voucherSignature: voucherSigned,
  ...referenceBatchRules,
}
