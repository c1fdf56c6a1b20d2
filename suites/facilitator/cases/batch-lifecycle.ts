/**
 * `batch-settlement` channels over their whole life (x402 v2, EVM; scheme_batch_settlement_evm.md
 * "Refund and withdrawal", "Claim & Settlement Strategy"): the payer's timed withdrawal does not stop
 * the receiver from claiming what it was promised during the delay, and pays the payer exactly what is
 * left unclaimed; and, for random sequences of deposits, vouchers, claims, settles, refunds and
 * withdrawals, no token is created or lost. Skipped when /supported lists no batch-settlement kind.
 */

import { check, checkEqual, show } from '../../../harness/model/expect.ts'
import {
  claimRow,
  signVoucher,
  voucherPayload,
  wireConfig,
} from '../../../harness/schemes/batch-settlement-evm/build.ts'
import { describeAnswer } from '../api.ts'
import {
  batchCode,
  channelOf,
  expectBatchRefused,
  expectSettleSucceeded,
  expectSnapshot,
  openFunded,
  receiverAuthorizerOf,
} from '../batch.ts'
import { conservationProperty } from '../batch-conservation.ts'
import { BATCH_SECTIONS, passWithdrawDelay, payerCall, receiverTotals } from '../batch-payer.ts'
import { facilitatorCase } from '../context.ts'
import { deltasOf } from '../verdicts.ts'

const { WITHDRAWAL, STRATEGY, RULES } = BATCH_SECTIONS

/**
 * The payer starts a timed withdrawal of everything while a voucher is outstanding: /verify shows it
 * (withdrawRequestedAt), the claim made within the delay still succeeds and settles to the receiver,
 * and once the delay has passed the payer gets exactly balance − totalClaimed; the receiver keeps what
 * it claimed, and a voucher above what remains is refused.
 */
export const batchWithdrawDuringPendingClaims = facilitatorCase({
  id: 'facilitator.batch.withdraw-during-pending-claims',
  title:
    "A claim made during the payer's withdraw delay succeeds and settles; the withdrawal then pays exactly the unclaimed rest and later vouchers above it are refused",
  requirements: ['FA-28'],
  tags: ['batch', 'chain', 'time'],
  timeoutMs: 120_000,
  async run(context) {
    receiverAuthorizerOf(context)
    const { chain } = context
    const open = await openFunded(context, 10_000n)
    const { channel, payer, receiver } = open
    const voucher = await signVoucher(channel, 4_000n)

    // The payer pulls the emergency brake: a withdrawal of everything not claimed (all 10000).
    const initiated = await payerCall(context, chain, payer, channel, { initiateWithdraw: 10_000n })
    const pending = await channelOf(context, channel.channelId)
    checkEqual(BigInt(pending.withdrawRequestedAt), initiated.timestamp, 'withdrawRequestedAt on chain', {
      spec: WITHDRAWAL,
    })
    const verified = await context.facilitator.verify(
      open.request({ type: 'voucher', channelConfig: wireConfig(channel.config), voucher }),
      'verify (the outstanding voucher of 4000, withdrawal pending)',
    )
    check(verified.body?.isValid === true, '/verify refused a valid voucher while a withdrawal is pending', {
      expected: 'isValid true (the voucher is within the balance; the receiver may still claim it)',
      seen: describeAnswer(verified),
      spec: WITHDRAWAL,
    })
    const extra = (verified.json as { extra?: { withdrawRequestedAt?: unknown } } | undefined)?.extra
    check(
      extra !== undefined && String(extra.withdrawRequestedAt) !== '0',
      '/verify does not report the pending withdrawal',
      {
        expected: `extra.withdrawRequestedAt ${initiated.timestamp} (non-zero: the server must claim before the delay ends)`,
        seen: show(extra),
        spec: RULES,
      },
    )
    expectSnapshot(extra, channel.channelId, pending, 'the VerifyResponse extra')

    // Within the delay, the receiver side claims the voucher and sweeps it.
    const claimed = expectSettleSucceeded(
      await context.facilitator.settle(
        open.request({ type: 'claim', claims: [claimRow(channel, voucher, 4_000n)] }),
        'settle (claim 4000 during the withdraw delay)',
      ),
      'a claim made during the withdraw delay',
    )
    if (claimed.transaction !== '') await chain.transaction(claimed.transaction, 'claim')
    checkEqual(
      (await channelOf(context, channel.channelId)).totalClaimed,
      4_000n,
      'totalClaimed after the claim',
      {
        spec: WITHDRAWAL,
      },
    )
    const beforeSweep = await chain.snapshot({ receiver })
    const swept = expectSettleSucceeded(
      await context.facilitator.settle(
        open.request({ type: 'settle', receiver, token: context.devnet.usdc }),
        'settle (sweep the claimed 4000 to the receiver)',
      ),
      'a settle of claimed funds',
    )
    if (swept.transaction !== '') await chain.transaction(swept.transaction, 'settle')
    const sweep = await deltasOf(beforeSweep)
    check(sweep.receiver === 4_000n, 'the settle did not pay the claim', {
      expected: 'receiver +4000',
      seen: `receiver ${sweep.receiver}`,
      spec: STRATEGY,
    })
    checkEqual(String(swept.amount), '4000', 'the settle reports another amount than it paid', {
      spec: STRATEGY,
    })

    // The delay passes; the payer finalizes and gets exactly what is left unclaimed.
    await passWithdrawDelay(context, channel, initiated.timestamp)
    const beforeFinal = await channelOf(context, channel.channelId)
    const watch = await chain.snapshot({ payer: payer.address, receiver })
    await payerCall(context, chain, payer, channel, { finalizeWithdraw: true })
    const final = await deltasOf(watch)
    const after = await channelOf(context, channel.channelId)
    const unclaimed = beforeFinal.balance - beforeFinal.totalClaimed
    check(
      final.payer === unclaimed && unclaimed === 6_000n,
      'the withdrawal did not pay back the unclaimed rest',
      {
        expected: 'payer +6000 (balance 10000 − totalClaimed 4000)',
        seen: `payer ${final.payer}; channel before ${show(beforeFinal)}`,
        spec: WITHDRAWAL,
      },
    )
    check(
      final.receiver === 0n &&
        after.balance === 4_000n &&
        after.totalClaimed === 4_000n &&
        after.withdrawRequestedAt === 0,
      'the withdrawal touched what the receiver claimed',
      {
        expected: 'receiver unchanged; channel balance 4000 = totalClaimed 4000; no withdrawal pending',
        seen: `receiver ${final.receiver}; channel ${show(after)}`,
        spec: WITHDRAWAL,
      },
    )
    const totals = await receiverTotals(context, receiver)
    check(totals.claimed === 4_000n && totals.settled === 4_000n, "the receiver's totals changed", {
      expected: 'claimed 4000, settled 4000',
      seen: show(totals),
      spec: STRATEGY,
    })

    // Nothing is left to promise: a voucher above the remaining balance is refused and claims nothing.
    const above = await context.facilitator.verify(
      open.request(await voucherPayload(channel, 5_000n)),
      'verify (voucher of 5000 after the withdrawal left 4000, all claimed)',
    )
    expectBatchRefused(
      above,
      [batchCode('cumulative_exceeds_balance'), batchCode('channel_not_found')],
      'a voucher above what the withdrawal left',
    )
    const late = await signVoucher(channel, 5_000n)
    const lateWatch = await chain.snapshot({ payer: payer.address, receiver })
    const lateClaim = await context.facilitator.settle(
      open.request({ type: 'claim', claims: [claimRow(channel, late, 5_000n)] }),
      'settle (claim 5000 after the withdrawal)',
    )
    check(lateClaim.body?.success !== true, '/settle reported a claim above the remaining balance settled', {
      expected: 'success false (5000 > balance 4000)',
      seen: describeAnswer(lateClaim),
      spec: STRATEGY,
    })
    const lateState = await channelOf(context, channel.channelId)
    const lateMoves = await deltasOf(lateWatch)
    check(
      lateState.totalClaimed === 4_000n && lateMoves.payer === 0n && lateMoves.receiver === 0n,
      'a claim above the remaining balance moved something',
      {
        expected: 'totalClaimed 4000, no balance change',
        seen: `channel ${show(lateState)}; payer ${lateMoves.payer}, receiver ${lateMoves.receiver}`,
        spec: STRATEGY,
      },
    )
  },
})

/** Random channel histories conserve money, with the expected state modelled and compared step by step. */
export const batchConservation = facilitatorCase({
  id: 'facilitator.batch.conservation',
  title:
    'For random sequences of deposits, vouchers, claims, settles, refunds and withdrawals, payer + receiver + escrow stay constant and every party ends with what the model says',
  requirements: ['FA-28'],
  tags: ['batch', 'chain', 'property', 'time'],
  timeoutMs: 180_000,
  async run(context) {
    receiverAuthorizerOf(context)
    await conservationProperty(context)
  },
})

/** The batch-settlement lifecycle cases, in report order. */
export const batchLifecycleCases = [batchWithdrawDuringPendingClaims, batchConservation]
