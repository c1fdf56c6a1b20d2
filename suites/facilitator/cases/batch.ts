/**
 * `batch-settlement` on EVM (x402 v2; scheme_batch_settlement_evm.md "Verification Rules" and
 * "Settlement"): vouchers are judged against the channel the contract holds (signature, balance, what
 * is already claimed) with the channel snapshot in the answer; a claim batch with one invalid row moves
 * nothing; a refund pays back only unclaimed funds and only once per refund nonce. Skipped when the
 * facilitator's /supported lists no batch-settlement kind for the devnet's network.
 */
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { check, checkEqual, show } from '../../../harness/model/expect.ts'
import {
  claimRow,
  signVoucher,
  voucherPayload,
  wireConfig,
} from '../../../harness/schemes/batch-settlement-evm/build.ts'
import type { RoleCaseDefinition } from '../../case-terms.ts'
import { describeAnswer } from '../api.ts'
import {
  batchCode,
  channelOf,
  expectBatchRefused,
  expectSettleRefused,
  expectSettleSucceeded,
  expectSnapshot,
  openFunded,
  receiverAuthorizerOf,
} from '../batch.ts'
import { type FacilitatorCaseContext, facilitatorCase } from '../context.ts'
import { deltasOf, refs } from '../verdicts.ts'

/**
 * A batch-settlement case (FA-28, tagged batch and chain), skipped before it starts when /supported
 * names no batch-settlement kind with a receiverAuthorizer on the devnet's network.
 */
function batchCase(
  definition: Omit<RoleCaseDefinition<FacilitatorCaseContext>, 'requirements'> & { requirements?: string[] },
) {
  const { tags = [], requirements = ['FA-28'], run, ...meta } = definition
  return facilitatorCase({
    ...meta,
    requirements,
    tags: ['batch', 'chain', ...tags],
    async run(context) {
      receiverAuthorizerOf(context)
      await run(context)
    },
  })
}

/** A valid voucher on a funded channel verifies, with the channel snapshot in `extra`. */
export const batchVoucherValid = batchCase({
  id: 'facilitator.batch.voucher-valid',
  title:
    'A voucher within the channel balance, signed by the payer, verifies with the channel snapshot in extra',
  async run(context) {
    const open = await openFunded(context, 10_000n)
    const answer = await context.facilitator.verify(
      open.request(await voucherPayload(open.channel, 2_000n)),
      'verify (voucher of 2000)',
    )
    check(answer.body?.isValid === true, '/verify refused a valid voucher', {
      expected: 'isValid true',
      seen: describeAnswer(answer),
      spec: refs('FA-28'),
    })
    const state = await channelOf(context, open.channel.channelId)
    expectSnapshot(
      (answer.json as { extra?: unknown }).extra,
      open.channel.channelId,
      state,
      'the VerifyResponse extra',
    )
  },
})

/** A voucher signed by someone other than the payer authorizer is refused. */
export const batchVoucherWrongSigner = batchCase({
  id: 'facilitator.batch.voucher-wrong-signer',
  title: 'A voucher signed by someone other than the payer authorizer is refused',
  tags: ['security'],
  async run(context) {
    const open = await openFunded(context, 10_000n)
    const stranger = privateKeyToAccount(generatePrivateKey())
    const answer = await context.facilitator.verify(
      open.request(await voucherPayload(open.channel, 2_000n, stranger)),
      'verify (voucher signed by a stranger)',
    )
    expectBatchRefused(answer, [batchCode('voucher_signature')], 'a voucher signed by a stranger')
  },
})

/** A voucher whose cumulative ceiling is above the channel balance is refused. */
export const batchVoucherAboveBalance = batchCase({
  id: 'facilitator.batch.voucher-above-balance',
  title: "A voucher whose maxClaimableAmount exceeds the channel's balance is refused",
  async run(context) {
    await verifyAboveBalance(context)
  },
})

/** A funded channel of 10000 and the /verify answer to its voucher of 10001, which must be a refusal. */
async function verifyAboveBalance(context: FacilitatorCaseContext) {
  const open = await openFunded(context, 10_000n)
  const answer = await context.facilitator.verify(
    open.request(await voucherPayload(open.channel, 10_001n)),
    'verify (voucher of 10001 on a channel of 10000)',
  )
  expectBatchRefused(answer, [batchCode('cumulative_exceeds_balance')], 'a voucher above the balance')
  return { open, answer }
}

/** After a claim, a voucher at or below what is claimed is refused (it would pay nothing new). */
export const batchVoucherBelowClaimed = batchCase({
  id: 'facilitator.batch.voucher-below-claimed',
  title: 'Vouchers at and below the amount already claimed are refused',
  async run(context) {
    const open = await openFunded(context, 10_000n)
    const voucher = await signVoucher(open.channel, 2_000n)
    const claimed = await context.facilitator.settle(
      open.request({ type: 'claim', claims: [claimRow(open.channel, voucher, 2_000n)] }),
      'settle (claim 2000)',
    )
    expectSettleSucceeded(claimed, 'a claim of a valid voucher')
    checkEqual((await channelOf(context, open.channel.channelId)).totalClaimed, 2_000n, 'claim moved', {
      spec: refs('FA-28'),
    })
    for (const cumulative of [2_000n, 1_500n]) {
      const answer = await context.facilitator.verify(
        open.request(await voucherPayload(open.channel, cumulative)),
        `verify (voucher of ${cumulative} after 2000 claimed)`,
      )
      expectBatchRefused(
        answer,
        [batchCode('cumulative_below_claimed')],
        `a voucher of ${cumulative} when 2000 is claimed`,
      )
    }
  },
})

/** A claim over two channels with one invalid row claims nothing; the valid batch claims each once. */
export const batchClaimOneInvalid = batchCase({
  id: 'facilitator.batch.claim-one-invalid',
  title:
    'A claim over two channels with one row above its voucher refuses and moves nothing; the valid batch claims each channel once',
  async run(context) {
    const a = await openFunded(context, 5_000n)
    const b = await openFunded(context, 5_000n, { receiver: a.receiver })
    const va = await signVoucher(a.channel, 3_000n)
    const vb = await signVoucher(b.channel, 2_000n)
    const refused = await context.facilitator.settle(
      a.request({
        type: 'claim',
        claims: [claimRow(a.channel, va, 3_000n), claimRow(b.channel, vb, 2_500n)],
      }),
      'settle (claim with one row above its voucher)',
    )
    check(refused.body?.success !== true, '/settle reported success for a claim with an invalid row', {
      expected: 'success false (the row claims 2500 on a voucher of 2000)',
      seen: describeAnswer(refused),
      spec: refs('FA-28'),
    })
    const claimedAfterRefusal = [
      (await channelOf(context, a.channel.channelId)).totalClaimed,
      (await channelOf(context, b.channel.channelId)).totalClaimed,
    ]
    check(
      claimedAfterRefusal[0] === 0n && claimedAfterRefusal[1] === 0n,
      'a refused claim batch claimed something',
      { expected: 'totalClaimed 0 and 0', seen: show(claimedAfterRefusal), spec: refs('FA-28') },
    )
    const rows = [claimRow(a.channel, va, 3_000n), claimRow(b.channel, vb, 2_000n)]
    for (const label of ['settle (valid claim batch)', 'settle (the same claim batch again)']) {
      const answer = await context.facilitator.settle(a.request({ type: 'claim', claims: rows }), label)
      if (label.includes('again') && answer.body?.success !== true) continue // refusing a replay is fine
      const settled = expectSettleSucceeded(answer, 'a valid claim batch')
      if (settled.transaction !== '') await context.chain.transaction(settled.transaction, label)
    }
    const claimed = [
      (await channelOf(context, a.channel.channelId)).totalClaimed,
      (await channelOf(context, b.channel.channelId)).totalClaimed,
    ]
    check(claimed[0] === 3_000n && claimed[1] === 2_000n, 'the claim batch did not claim each voucher once', {
      expected: 'totalClaimed 3000 and 2000',
      seen: show(claimed),
      spec: refs('FA-28'),
    })
  },
})

/** A refund pays back only what is not claimed, and says so. */
export const batchRefundUnclaimed = batchCase({
  id: 'facilitator.batch.refund-unclaimed',
  title: 'A refund asking for the whole deposit pays back only the unclaimed funds and reports that amount',
  async run(context) {
    const open = await openFunded(context, 10_000n)
    const voucher = await signVoucher(open.channel, 4_000n)
    expectSettleSucceeded(
      await context.facilitator.settle(
        open.request({ type: 'claim', claims: [claimRow(open.channel, voucher, 4_000n)] }),
        'settle (claim 4000)',
      ),
      'a claim of a valid voucher',
    )
    const watch = await context.chain.snapshot({ payer: open.payer.address })
    const answer = await context.facilitator.settle(
      open.request({
        type: 'refund',
        channelConfig: wireConfig(open.channel.config),
        voucher,
        amount: '10000',
        refundNonce: '0',
        claims: [],
      }),
      'settle (refund of 10000 with 4000 claimed)',
    )
    const paid = (await deltasOf(watch)).payer ?? 0n
    const state = await channelOf(context, open.channel.channelId)
    check(
      paid <= 6_000n && state.totalClaimed === 4_000n && state.balance >= 4_000n,
      'the refund took claimed funds',
      {
        expected: 'at most 6000 back to the payer; 4000 stays claimed in the channel',
        seen: `payer +${paid}; channel ${show(state)}`,
        spec: refs('FA-28'),
      },
    )
    if (answer.body?.success !== true) {
      // Refusing a refund above the unclaimed funds is allowed; it must then move nothing.
      checkEqual(paid, 0n, 'a refused refund paid the payer', { spec: refs('FA-28') })
      expectSettleRefused(
        answer,
        [
          batchCode('refund_amount_invalid'),
          batchCode('refund_payload'),
          batchCode('refund_simulation_failed'),
        ],
        'a refund above the unclaimed funds',
      )
      return
    }
    checkEqual(paid, 6_000n, 'the refund did not pay back the unclaimed funds', { spec: refs('FA-28') })
    const body = answer.body as { amount?: unknown; extra?: { channelState?: unknown } }
    checkEqual(String(body.amount), paid.toString(), 'the refund reports another amount than it paid', {
      spec: refs('FA-28'),
    })
    expectSnapshot(body.extra?.channelState, open.channel.channelId, state, 'the refund extra.channelState')
  },
})

/** A refund with a refund nonce already used is refused and pays nothing. */
export const batchRefundStaleNonce = batchCase({
  id: 'facilitator.batch.refund-stale-nonce',
  title: 'A refund carrying a refund nonce that was already used is refused and pays nothing',
  async run(context) {
    const open = await openFunded(context, 10_000n)
    const voucher = await signVoucher(open.channel, 1_000n)
    const refund = (amount: string) =>
      open.request({
        type: 'refund',
        channelConfig: wireConfig(open.channel.config),
        voucher,
        amount,
        refundNonce: '0',
        claims: [],
      })
    expectSettleSucceeded(
      await context.facilitator.settle(refund('1000'), 'settle (refund 1000 at nonce 0)'),
      'a valid partial refund',
    )
    checkEqual(
      (await channelOf(context, open.channel.channelId)).refundNonce,
      1n,
      'refund nonce after a refund',
      {
        spec: refs('FA-28'),
      },
    )
    const watch = await context.chain.snapshot({ payer: open.payer.address })
    const stale = await context.facilitator.settle(refund('1'), 'settle (refund at the used nonce 0)')
    expectSettleRefused(
      stale,
      [batchCode('refund_payload'), batchCode('refund_simulation_failed')],
      'a refund at a used refund nonce',
    )
    checkEqual((await deltasOf(watch)).payer ?? 0n, 0n, 'a refused refund paid the payer', {
      spec: refs('FA-28'),
    })
  },
})

/**
 * A refusal on an existing channel carries the snapshot too: "The facilitator must return the channel
 * snapshot ... in every /verify response extra field" (the server needs it to mirror the channel).
 */
export const batchSnapshotOnRefusal = batchCase({
  id: 'facilitator.batch.snapshot-on-refusal',
  title:
    'A /verify that refuses a voucher on an existing channel still returns the channel snapshot in extra',
  async run(context) {
    const { open, answer } = await verifyAboveBalance(context)
    expectSnapshot(
      (answer.json as { extra?: unknown }).extra,
      open.channel.channelId,
      await channelOf(context, open.channel.channelId),
      'the refusing VerifyResponse extra',
    )
  },
})

/** Every batch-settlement case, in report order. */
export const batchCases = [
  batchVoucherValid,
  batchVoucherWrongSigner,
  batchVoucherAboveBalance,
  batchVoucherBelowClaimed,
  batchClaimOneInvalid,
  batchRefundUnclaimed,
  batchRefundStaleNonce,
  batchSnapshotOnRefusal,
]
