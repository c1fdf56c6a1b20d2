/**
 * The payer's side of a batch-settlement channel that does not go through the facilitator: the timed
 * withdrawal (`initiateWithdraw`, then `finalizeWithdraw` once the withdraw delay has passed), sent by
 * the payer's own devnet wallet, and the contract's per-receiver totals. The escape hatch of
 * scheme_batch_settlement_evm.md "Refund and withdrawal".
 */
import type { Address, Hash } from 'viem'
import { batchSettlementAbi } from '../../contracts/artifacts/index.ts'
import { BATCH_SETTLEMENT_ADDRESS } from '../../harness/devnet/batch.ts'
import { waitForReceipt } from '../../harness/devnet/receipt.ts'
import type { DevnetAccount } from '../../harness/devnet/types.ts'
import type { SpecRef } from '../../harness/model/result.ts'
import type { ChainOracle } from '../../harness/oracle/index.ts'
import type { BatchChannel } from '../../harness/schemes/batch-settlement-evm/build.ts'
import { specRef } from '../spec-refs.ts'
import type { FacilitatorCaseContext } from './context.ts'

/** The FA-28 spec file at another section of it (failures name the sentence they rest on). */
export function batchSection(section: string): SpecRef[] {
  return [{ ...specRef('FA-28'), section }]
}

/** The sections of the batch-settlement spec the facilitator's batch verdicts cite. */
export const BATCH_SECTIONS = {
  LIFECYCLE: batchSection('Channel Lifecycle'),
  WITHDRAWAL: batchSection('Channel Lifecycle / Refund and withdrawal'),
  SETTLE: batchSection('Facilitator Interface / POST /settle'),
  RULES: batchSection('Facilitator Interface / Verification Rules'),
  STRATEGY: batchSection('Claim & Settlement Strategy'),
}

/** A mined payer transaction: its hash and its block's timestamp. */
export interface PayerCall {
  hash: Hash
  timestamp: bigint
}

/**
 * The payer calls `initiateWithdraw(config, amount)` or `finalizeWithdraw(config)` itself. Throws (an
 * error of the case, not a verdict on the facilitator) when the contract refuses it.
 */
export async function payerCall(
  context: { devnet: FacilitatorCaseContext['devnet'] },
  chain: ChainOracle,
  payer: DevnetAccount,
  channel: BatchChannel,
  call: { initiateWithdraw: bigint } | { finalizeWithdraw: true },
): Promise<PayerCall> {
  const wallet = context.devnet.walletClient(payer)
  const contract = { address: BATCH_SETTLEMENT_ADDRESS, abi: batchSettlementAbi } as const
  const hash =
    'initiateWithdraw' in call
      ? await wallet.writeContract({
          ...contract,
          functionName: 'initiateWithdraw',
          args: [channel.config, call.initiateWithdraw],
        })
      : await wallet.writeContract({ ...contract, functionName: 'finalizeWithdraw', args: [channel.config] })
  const label = 'initiateWithdraw' in call ? `initiateWithdraw(${call.initiateWithdraw})` : 'finalizeWithdraw'
  const receipt = await waitForReceipt(context.devnet.publicClient, hash)
  await chain.transaction(hash, `${label} (the payer, directly on the contract)`)
  if (receipt.status !== 'success') throw new Error(`the payer's ${label} reverted (${hash})`)
  const block = await context.devnet.publicClient.getBlock({ blockNumber: receipt.blockNumber })
  return { hash, timestamp: block.timestamp }
}

/** The contract's totals of `receiver` in `token`: claimed by all its channels, and transferred to it. */
export async function receiverTotals(
  context: { devnet: FacilitatorCaseContext['devnet'] },
  receiver: Address,
): Promise<{ claimed: bigint; settled: bigint }> {
  const [claimed, settled] = (await context.devnet.publicClient.readContract({
    address: BATCH_SETTLEMENT_ADDRESS,
    abi: batchSettlementAbi,
    functionName: 'receivers',
    args: [receiver, context.devnet.usdc],
  })) as readonly [bigint, bigint]
  return { claimed, settled }
}

/**
 * Moves the devnet clock past the channel's withdraw delay, counted from `since` (the initiating
 * block), while no other case runs: a 15-minute step would expire the payments other cases have in
 * flight.
 */
export async function passWithdrawDelay(
  context: Pick<FacilitatorCaseContext, 'devnet' | 'exclusiveDevnet'>,
  channel: BatchChannel,
  since: bigint,
): Promise<void> {
  await context.exclusiveDevnet(() => stepPastWithdrawDelay(context.devnet, channel, since))
}

/** The clock step of `passWithdrawDelay`, for a caller that already runs alone on the devnet. */
export async function stepPastWithdrawDelay(
  devnet: FacilitatorCaseContext['devnet'],
  channel: BatchChannel,
  since: bigint,
): Promise<void> {
  const due = since + BigInt(channel.config.withdrawDelay)
  const now = await devnet.now()
  if (now <= due) await devnet.increaseTime(Number(due - now) + 1)
}
