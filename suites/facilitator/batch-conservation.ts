/**
 * The conservation property of batch-settlement channels (scheme_batch_settlement_evm.md "Channel
 * Lifecycle", "Facilitator Interface"): a random history of one or two channels of one payer to one
 * receiver — deposits through /settle, vouchers through /verify, claims, settles and refunds through
 * /settle, the payer's own timed withdrawals with the devnet clock moved past the delay — runs against
 * the facilitator while a model of the expected state runs beside it. After every step the chain must
 * equal the model (channels, receiver totals, token balances) and:
 *   payer + receiver + contract token balances stay constant,
 *   totalClaimed never exceeds the highest voucher signed nor the channel balance.
 * At the end everything claimed is settled and everything unclaimed refunded: the receiver holds exactly
 * what was claimed, the payer its funding minus that.
 *
 * The whole property runs alone on the devnet (exclusiveDevnet): its clock steps are withdraw delays
 * (15 minutes), and the contract's token balance only means something when no other case moves it.
 */
import fc from 'fast-check'
import type { Address } from 'viem'
import { BATCH_SETTLEMENT_ADDRESS } from '../../harness/devnet/batch.ts'
import type { DevnetAccount } from '../../harness/devnet/types.ts'
import { show } from '../../harness/model/expect.ts'
import type { SpecRef } from '../../harness/model/result.ts'
import { CheckFailure } from '../../harness/model/verdict.ts'
import {
  type BatchChannel,
  type BatchOffer,
  batchRequest,
  claimRow,
  depositPayload,
  openChannel,
  signVoucher,
  voucherPayload,
  wireConfig,
} from '../../harness/schemes/batch-settlement-evm/build.ts'
import { readChannelState } from '../../harness/schemes/batch-settlement-evm/channel.ts'
import type { SettlementResponse } from '../../harness/wire/types.ts'
import { describeAnswer, type FacilitatorAnswer, isRecord } from './api.ts'
import { batchCode, batchOffer, expectSnapshot } from './batch.ts'
import { BATCH_SECTIONS, payerCall, receiverTotals, stepPastWithdrawDelay } from './batch-payer.ts'
import { checkProperty, type Tools } from './cases/properties.ts'
import type { FacilitatorCaseContext } from './context.ts'
import { freshAddress } from './payments.ts'
import { expectNoSignerRace } from './signer-race.ts'

const { LIFECYCLE, WITHDRAWAL, SETTLE, RULES } = BATCH_SECTIONS

/** What the payer is funded with in each run: enough for every deposit the arbitrary can draw. */
const FUNDING = 500_000n
/** Property runs, unless X402_NUM_RUNS says otherwise (each run is a short channel history). */
const DEFAULT_RUNS = 8

/** One step of a history. Channel numbers are taken modulo the number of channels. */
export type Op =
  | { kind: 'deposit'; channel: number; amount: bigint }
  | { kind: 'voucher'; channel: number; step: bigint }
  | { kind: 'claim'; channels: 'one' | 'both'; channel: number; percent: number; aboveCeiling: boolean }
  | { kind: 'settle' }
  | { kind: 'refund'; channel: number; amount: bigint | null; withClaim: boolean }
  | { kind: 'initiate-withdraw'; channel: number; percent: number }
  | { kind: 'finalize-withdraw'; channel: number }

/** A history: its channels' opening deposits and its steps. */
export interface History {
  deposits: bigint[]
  ops: Op[]
}

const channelIndex = fc.integer({ min: 0, max: 1 })
const percent = fc.integer({ min: 1, max: 100 })

/** Histories of one or two channels and 3 to 10 steps. */
export const histories: fc.Arbitrary<History> = fc.record({
  deposits: fc.array(fc.bigInt({ min: 2_000n, max: 20_000n }), { minLength: 1, maxLength: 2 }),
  ops: fc.array(
    fc.oneof(
      {
        weight: 2,
        arbitrary: fc.record({
          kind: fc.constant('deposit'),
          channel: channelIndex,
          amount: fc.bigInt({ min: 1n, max: 20_000n }),
        }),
      },
      {
        weight: 4,
        arbitrary: fc.record({
          kind: fc.constant('voucher'),
          channel: channelIndex,
          step: fc.bigInt({ min: 1n, max: 8_000n }),
        }),
      },
      {
        weight: 4,
        arbitrary: fc.record({
          kind: fc.constant('claim'),
          channels: fc.constantFrom('one', 'both'),
          channel: channelIndex,
          percent,
          aboveCeiling: fc.boolean(),
        }),
      },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('settle') }) },
      {
        weight: 3,
        arbitrary: fc.record({
          kind: fc.constant('refund'),
          channel: channelIndex,
          // Small partial refunds, refunds above what is unclaimed, and full refunds (the server fills in what is unclaimed).
          amount: fc.oneof(
            fc.bigInt({ min: 1n, max: 5_000n }),
            fc.bigInt({ min: 20_000n, max: 60_000n }),
            fc.constant(null),
          ),
          withClaim: fc.boolean(),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({ kind: fc.constant('initiate-withdraw'), channel: channelIndex, percent }),
      },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('finalize-withdraw'), channel: channelIndex }) },
    ) as fc.Arbitrary<Op>,
    { minLength: 3, maxLength: 10 },
  ),
})

/** A signed voucher on the wire. */
type SignedVoucher = Awaited<ReturnType<typeof signVoucher>>

/** The model of one channel. */
interface ChannelModel {
  channel: BatchChannel
  balance: bigint
  claimed: bigint
  refundNonce: bigint
  pending: { amount: bigint; at: bigint } | undefined
  /** The highest voucher the facilitator accepted (what the receiver may claim). */
  accepted: { cumulative: bigint; voucher: SignedVoucher }
  /** The highest ceiling the payer ever signed, accepted or not. */
  highestSigned: bigint
}

/** The model of one run: its channels, the receiver's totals and three token balances. */
interface Model {
  offer: BatchOffer
  payer: DevnetAccount
  receiver: Address
  channels: ChannelModel[]
  receiverClaimed: bigint
  receiverSettled: bigint
  tokens: { payer: bigint; receiver: bigint; contract: bigint }
  /** payer + receiver + contract at the start. */
  total: bigint
}

/** Runs the property with the case seed, alone on the devnet. */
export async function conservationProperty(context: FacilitatorCaseContext): Promise<void> {
  const numRuns = Number(process.env.X402_NUM_RUNS) || DEFAULT_RUNS
  await context.exclusiveDevnet(() =>
    checkProperty(
      context,
      histories,
      numRuns,
      (history, tools) => runHistory(context, tools, history),
      describeHistory,
    ),
  )
}

/** A history as JSON (amounts as strings), for the counterexample. */
export function describeHistory(history: History): unknown {
  return asJson(history)
}

/** One step as JSON, for messages. */
function describeOp(op: Op): unknown {
  return asJson(op)
}

const asJson = (value: unknown): unknown =>
  JSON.parse(
    JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item)),
  )

/** A failure of step `where`. */
function fail(where: string, message: string, expected: string, seen: string, spec: SpecRef[]): never {
  throw new CheckFailure(`${where}: ${message}`, { expected, seen, spec })
}

/** Runs one history against the facilitator and the model; throws a CheckFailure at the first difference. */
async function runHistory(context: FacilitatorCaseContext, tools: Tools, history: History): Promise<void> {
  const { devnet } = context
  const { facilitator, chain } = tools
  const receiver = freshAddress()
  const offer = batchOffer(context, receiver)
  const payer = await devnet.fundedAccount({ usdc: FUNDING })
  const contract = await chain.balanceOf(BATCH_SETTLEMENT_ADDRESS)
  const model: Model = {
    offer,
    payer,
    receiver,
    channels: [],
    receiverClaimed: 0n,
    receiverSettled: 0n,
    tokens: { payer: FUNDING, receiver: 0n, contract },
    total: FUNDING + contract,
  }
  const request = (payload: unknown) => batchRequest(offer, payload)

  for (const [i, amount] of history.deposits.entries()) {
    const channel = openChannel({ offer, payer: payer.account, chainId: devnet.preset.chainId })
    const body = await depositPayload(channel, amount, 1_000n, await devnet.now())
    const answer = await facilitator.settle(request(body), `settle (deposit ${amount} opening channel ${i})`)
    const where = `opening deposit of channel ${i}`
    expectSucceeded(answer, where, 'a valid deposit')
    model.channels.push({
      channel,
      balance: amount,
      claimed: 0n,
      refundNonce: 0n,
      pending: undefined,
      accepted: { cumulative: 1_000n, voucher: body.voucher as SignedVoucher },
      highestSigned: 1_000n,
    })
    moveTokens(model, 'payer', 'contract', amount)
    expectReported(answer, amount, where, 'deposit')
    await compare(context, tools, model, where)
  }

  for (const [step, op] of history.ops.entries()) {
    const where = `step ${step} ${show(describeOp(op))}`
    const ran = await apply(context, tools, model, op, where, request)
    if (ran) await compare(context, tools, model, where)
  }

  // The end: pending withdrawals finalized, everything claimed settled, everything unclaimed refunded.
  for (const i of model.channels.keys())
    await apply(
      context,
      tools,
      model,
      { kind: 'finalize-withdraw', channel: i },
      'final withdrawals',
      request,
    )
  await apply(context, tools, model, { kind: 'settle' }, 'final settle', request)
  for (const i of model.channels.keys()) {
    const where = `final refund of channel ${i}`
    await apply(
      context,
      tools,
      model,
      { kind: 'refund', channel: i, amount: null, withClaim: false },
      where,
      request,
    )
  }
  await compare(context, tools, model, 'the end')
  const claimed = model.channels.reduce((sum, state) => sum + state.claimed, 0n)
  const [payerEnd, receiverEnd] = await Promise.all([
    chain.balanceOf(payer.address),
    chain.balanceOf(receiver),
  ])
  if (receiverEnd !== claimed || payerEnd !== FUNDING - claimed)
    fail(
      'the end',
      'once settled and refunded, the parties do not hold what was claimed',
      `receiver ${claimed} (everything claimed), payer ${FUNDING - claimed} (funding − claimed)`,
      `receiver ${receiverEnd}, payer ${payerEnd}`,
      LIFECYCLE,
    )
}

/** Applies `op` to the facilitator (or the chain) and to the model. False when the op does not apply now. */
async function apply(
  context: FacilitatorCaseContext,
  tools: Tools,
  model: Model,
  op: Op,
  where: string,
  request: (payload: unknown) => ReturnType<typeof batchRequest>,
): Promise<boolean> {
  const { devnet } = context
  const { facilitator, chain } = tools
  const pick = (n: number) => model.channels[n % model.channels.length]!
  switch (op.kind) {
    case 'deposit': {
      const state = pick(op.channel)
      // The deposit carries a voucher: the accepted one when it fits, else one charging a unit more than claimed.
      let voucher = state.accepted.voucher
      if (
        state.accepted.cumulative <= state.claimed ||
        state.accepted.cumulative > state.balance + op.amount
      ) {
        voucher = await signVoucher(state.channel, state.claimed + 1n)
        noteSigned(state, state.claimed + 1n)
        if (state.claimed + 1n > state.accepted.cumulative)
          state.accepted = { cumulative: state.claimed + 1n, voucher }
      }
      const body = await depositPayload(state.channel, op.amount, 0n, await devnet.now())
      body.voucher = voucher
      const answer = await facilitator.settle(request(body), `settle (top-up of ${op.amount})`)
      expectSucceeded(answer, where, 'a valid top-up deposit')
      state.balance += op.amount
      moveTokens(model, 'payer', 'contract', op.amount)
      expectReported(answer, op.amount, where, 'deposit')
      return true
    }
    case 'voucher': {
      const state = pick(op.channel)
      const cumulative = state.accepted.cumulative + op.step
      const payload = await voucherPayload(state.channel, cumulative)
      noteSigned(state, cumulative)
      const answer = await facilitator.verify(request(payload), `verify (voucher of ${cumulative})`)
      const valid = state.balance > 0n && cumulative <= state.balance
      if (valid) {
        if (answer.body?.isValid !== true)
          fail(where, '/verify refused a valid voucher', 'isValid true', describeAnswer(answer), RULES)
        state.accepted = { cumulative, voucher: payload.voucher }
      } else {
        const codes = [batchCode('cumulative_exceeds_balance'), batchCode('channel_not_found')]
        const reason = answer.body?.invalidReason
        if (answer.body?.isValid !== false || typeof reason !== 'string' || !codes.includes(reason))
          fail(
            where,
            `/verify did not refuse a voucher of ${cumulative} on a balance of ${state.balance}`,
            `isValid false with ${codes.join(' or ')}`,
            describeAnswer(answer),
            RULES,
          )
      }
      if (valid) {
        // The snapshot the server mirrors must be the chain's (refusals are judged by other cases).
        const onChain = await readChannelState(devnet.publicClient, state.channel.channelId)
        expectSnapshot(
          (answer.json as { extra?: unknown } | undefined)?.extra,
          state.channel.channelId,
          onChain,
          `${where}: the VerifyResponse extra`,
        )
      }
      return true
    }
    case 'claim': {
      const chosen = op.channels === 'both' ? model.channels : [pick(op.channel)]
      const rows = chosen
        .filter((state) => state.accepted.cumulative > state.claimed)
        .map((state, i) => {
          const open = state.accepted.cumulative - state.claimed
          const part = (open * BigInt(op.percent)) / 100n
          const target =
            op.aboveCeiling && i === 0
              ? state.accepted.cumulative + 1n
              : state.claimed + (part > 0n ? part : 1n)
          return { state, target }
        })
      if (rows.length === 0) return false
      const valid = rows.every(
        ({ state, target }) => target <= state.accepted.cumulative && target <= state.balance,
      )
      const answer = await facilitator.settle(
        request({
          type: 'claim',
          claims: rows.map(({ state, target }) => claimRow(state.channel, state.accepted.voucher, target)),
        }),
        `settle (claim ${rows.map(({ target }) => target).join(', ')})`,
      )
      if (!valid) {
        if (answer.body?.success === true)
          fail(
            where,
            '/settle reported success for a claim the contract must refuse',
            `success false (a row above its voucher's ceiling or the channel balance: ${rows.map(({ state, target }) => `${target} on ceiling ${state.accepted.cumulative}, balance ${state.balance}`).join('; ')})`,
            describeAnswer(answer),
            SETTLE,
          )
        return true
      }
      await expectMined(chain, answer, where, 'a valid claim', 'claim')
      for (const { state, target } of rows) {
        model.receiverClaimed += target - state.claimed
        state.claimed = target
      }
      return true
    }
    case 'settle': {
      const owed = model.receiverClaimed - model.receiverSettled
      const answer = await facilitator.settle(
        request({ type: 'settle', receiver: model.receiver, token: devnet.usdc }),
        `settle (sweep, ${owed} owed)`,
      )
      if (owed === 0n) {
        // Nothing to settle: a refusal (nothing_to_settle) or a no-op success reporting "0".
        if (answer.body?.success === true) expectReported(answer, 0n, where, 'no-op settle')
        return true
      }
      await expectMined(chain, answer, where, `a settle of ${owed} claimed`, 'settle')
      model.receiverSettled += owed
      moveTokens(model, 'contract', 'receiver', owed)
      expectReported(answer, owed, where, 'settle')
      return true
    }
    case 'refund': {
      const state = pick(op.channel)
      if (state.balance === 0n) return false
      // The zero-charge voucher: what the receiver has accepted, or (when a withdrawal left less) the balance.
      let voucher = state.accepted.voucher
      let ceiling = state.accepted.cumulative
      if (ceiling > state.balance) {
        ceiling = state.balance
        voucher = await signVoucher(state.channel, ceiling)
      }
      const withClaim = op.withClaim && ceiling > state.claimed
      const claimedAfter = withClaim ? ceiling : state.claimed
      const unclaimed = state.balance - claimedAfter
      if (unclaimed === 0n) return false
      const requested = op.amount ?? unclaimed
      const answer = await facilitator.settle(
        request({
          type: 'refund',
          channelConfig: wireConfig(state.channel.config),
          voucher,
          // A full refund (no amount from the client) is completed by the server with what is unclaimed.
          amount: requested.toString(),
          refundNonce: state.refundNonce.toString(),
          claims: withClaim ? [claimRow(state.channel, voucher, ceiling)] : [],
        }),
        `settle (refund ${op.amount ?? 'all'} at nonce ${state.refundNonce}${withClaim ? `, claiming ${ceiling}` : ''})`,
      )
      if (requested > unclaimed && answer.body?.success !== true) return true // refusing more than unclaimed is allowed
      await expectMined(
        chain,
        answer,
        where,
        `a refund of ${requested} with ${unclaimed} unclaimed`,
        'refund',
      )
      const paid = smaller(requested, unclaimed)
      model.receiverClaimed += claimedAfter - state.claimed
      state.claimed = claimedAfter
      state.balance -= paid
      state.refundNonce += 1n
      if (state.pending)
        state.pending =
          paid >= state.pending.amount ? undefined : { ...state.pending, amount: state.pending.amount - paid }
      moveTokens(model, 'contract', 'payer', paid)
      expectReported(answer, paid, where, 'refund')
      return true
    }
    case 'initiate-withdraw': {
      const state = pick(op.channel)
      const unclaimed = state.balance - state.claimed
      if (state.pending || unclaimed === 0n) return false
      const part = (unclaimed * BigInt(op.percent)) / 100n
      const amount = part > 0n ? part : 1n
      const call = await payerCall(context, chain, model.payer, state.channel, { initiateWithdraw: amount })
      state.pending = { amount, at: call.timestamp }
      return true
    }
    case 'finalize-withdraw': {
      // The chosen channel's withdrawal, or any channel's that is pending.
      const chosen = pick(op.channel)
      const state = chosen.pending ? chosen : model.channels.find((candidate) => candidate.pending)
      if (!state?.pending) return false
      await stepPastWithdrawDelay(devnet, state.channel, state.pending.at)
      await payerCall(context, chain, model.payer, state.channel, { finalizeWithdraw: true })
      const unclaimed = state.balance - state.claimed
      const paid = smaller(state.pending.amount, unclaimed)
      state.balance -= paid
      state.pending = undefined
      moveTokens(model, 'contract', 'payer', paid)
      return true
    }
  }
}

/** The smaller of two amounts (Math.min takes no bigints). */
const smaller = (a: bigint, b: bigint): bigint => (a < b ? a : b)

function noteSigned(state: ChannelModel, cumulative: bigint): void {
  if (cumulative > state.highestSigned) state.highestSigned = cumulative
}

/** A /settle that must have succeeded. */
function expectSucceeded(answer: FacilitatorAnswer<unknown>, where: string, what: string): void {
  if (isRecord(answer.body) && answer.body.success === true) return
  expectNoSignerRace(answer)
  fail(where, `/settle did not settle ${what}`, 'success true', describeAnswer(answer), SETTLE)
}

/** A /settle that succeeded, and its transaction (when it names one) read as evidence under `label`. */
async function expectMined(
  chain: Tools['chain'],
  answer: FacilitatorAnswer<SettlementResponse>,
  where: string,
  what: string,
  label: string,
): Promise<void> {
  expectSucceeded(answer, where, what)
  if (answer.body?.transaction) await chain.transaction(answer.body.transaction, label)
}

/** `amount` of the model's tokens goes from one holder to another. */
function moveTokens(
  model: Model,
  from: keyof Model['tokens'],
  to: keyof Model['tokens'],
  amount: bigint,
): void {
  model.tokens[from] -= amount
  model.tokens[to] += amount
}

/** The `amount` a /settle reports: what moved (spec: "the amount transferred", "returned to the payer"). */
function expectReported(
  answer: FacilitatorAnswer<unknown>,
  moved: bigint,
  where: string,
  what: string,
): void {
  const amount = isRecord(answer.body) ? answer.body.amount : undefined
  if (String(amount) !== moved.toString())
    fail(where, `the ${what} reports another amount than moved`, `amount "${moved}"`, show(amount), SETTLE)
}

/** The chain against the model: every channel, the receiver's totals, the token balances, and the invariants. */
async function compare(
  context: FacilitatorCaseContext,
  tools: Tools,
  model: Model,
  where: string,
): Promise<void> {
  const { devnet } = context
  const { chain } = tools
  for (const [i, state] of model.channels.entries()) {
    const seen = await readChannelState(devnet.publicClient, state.channel.channelId)
    const expected = {
      balance: state.balance,
      totalClaimed: state.claimed,
      withdrawRequestedAt: Number(state.pending?.at ?? 0n),
      refundNonce: state.refundNonce,
    }
    if (show(seen) !== show(expected))
      fail(
        where,
        `channel ${i} on chain is not what the model expects`,
        show(expected),
        show(seen),
        LIFECYCLE,
      )
    if (seen.totalClaimed > state.highestSigned)
      fail(
        where,
        `channel ${i} claimed more than the payer ever signed`,
        `totalClaimed ≤ ${state.highestSigned}`,
        show(seen),
        LIFECYCLE,
      )
    if (seen.totalClaimed > seen.balance)
      fail(
        where,
        `channel ${i} claimed more than its balance`,
        `totalClaimed ≤ balance`,
        show(seen),
        WITHDRAWAL,
      )
  }
  const totals = await receiverTotals(context, model.receiver)
  if (totals.claimed !== model.receiverClaimed || totals.settled !== model.receiverSettled)
    fail(
      where,
      "the receiver's totals on chain are not what the model expects",
      `claimed ${model.receiverClaimed}, settled ${model.receiverSettled}`,
      `claimed ${totals.claimed}, settled ${totals.settled}`,
      SETTLE,
    )
  const [payer, receiver, contract] = await Promise.all([
    chain.balanceOf(model.payer.address),
    chain.balanceOf(model.receiver),
    chain.balanceOf(BATCH_SETTLEMENT_ADDRESS),
  ])
  if (payer + receiver + contract !== model.total)
    fail(
      where,
      'tokens were created or lost: payer + receiver + contract changed',
      `${model.total}`,
      `${payer + receiver + contract} (payer ${payer}, receiver ${receiver}, contract ${contract})`,
      LIFECYCLE,
    )
  const tokens = { payer, receiver, contract }
  if (show(tokens) !== show(model.tokens))
    fail(
      where,
      'the token balances are not what the model expects',
      show(model.tokens),
      show(tokens),
      LIFECYCLE,
    )
}
