/**
 * What the facilitator suite's `batch-settlement` cases share (x402 v2, EVM): the suite plays the
 * resource server of a batch offer whose receiver authorizer is the one the facilitator announces in
 * /supported, opens funded channels through the facilitator's own deposit settlement, and judges
 * answers against the channel as the contract holds it (scheme_batch_settlement_evm.md).
 */
import type { Address, Hex } from 'viem'
import type { DevnetAccount } from '../../harness/devnet/types.ts'
import { check, show, skip } from '../../harness/model/expect.ts'
import { CheckFailure } from '../../harness/model/verdict.ts'
import {
  type BatchChannel,
  type BatchOffer,
  batchRequest,
  depositPayload,
  openChannel,
} from '../../harness/schemes/batch-settlement-evm/build.ts'
import { type ChannelState, readChannelState } from '../../harness/schemes/batch-settlement-evm/channel.ts'
import type { SettlementResponse, VerifyResponse } from '../../harness/wire/types.ts'
import { describeAnswer, type FacilitatorAnswer, isRecord } from './api.ts'
import type { FacilitatorCaseContext } from './context.ts'
import { freshAddress } from './payments.ts'
import { expectNoSignerRace } from './signer-race.ts'
import { supportedKindOf } from './supported-kind.ts'
import { refs } from './verdicts.ts'

/** The prefix of every batch-settlement EVM error code. */
const BATCH_CODE = 'invalid_batch_settlement_evm_'

/** A batch code by its short name. */
export const batchCode = (name: string): string => `${BATCH_CODE}${name}`

/** A funded channel of a fresh payer to a fresh receiver, and the request body of any payload on it. */
export interface OpenChannel {
  offer: BatchOffer
  channel: BatchChannel
  payer: DevnetAccount
  receiver: Address
  request(payload: unknown): ReturnType<typeof batchRequest>
}

/**
 * The receiver authorizer of the facilitator's v2 batch-settlement kind on this devnet; skips the
 * case when /supported lists none (the facilitator does not claim the scheme).
 */
export function receiverAuthorizerOf(context: FacilitatorCaseContext): Address {
  const network = context.devnet.preset.network
  const kind = supportedKindOf(context, 'batch-settlement')
  if (kind === undefined) skip(`/supported lists no v2 batch-settlement kind for ${network}`)
  const authorizer = isRecord(kind.extra) ? kind.extra.receiverAuthorizer : undefined
  if (typeof authorizer !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(authorizer))
    skip(`the batch-settlement kind for ${network} names no extra.receiverAuthorizer`)
  return authorizer as Address
}

/** The suite's batch offer (1000 atomic units a request) to a fresh receiver, or to `receiver`. */
export function batchOffer(context: FacilitatorCaseContext, receiver: Address = freshAddress()): BatchOffer {
  const devnet = context.devnet
  return {
    scheme: 'batch-settlement',
    network: devnet.preset.network,
    amount: '1000',
    asset: devnet.usdc,
    payTo: receiver,
    maxTimeoutSeconds: 3600,
    extra: {
      receiverAuthorizer: receiverAuthorizerOf(context),
      withdrawDelay: 900,
      name: devnet.preset.eip712.name,
      version: devnet.preset.eip712.version,
    },
  }
}

/** Opens a channel and deposits `deposit` through the facilitator's /settle (with a first voucher). */
export async function openFunded(
  context: FacilitatorCaseContext,
  deposit: bigint,
  options: { receiver?: Address } = {},
): Promise<OpenChannel> {
  const offer = batchOffer(context, options.receiver)
  const payer = await context.devnet.fundedAccount({ usdc: deposit * 2n })
  const channel = openChannel({ offer, payer: payer.account, chainId: context.devnet.preset.chainId })
  const request = (payload: unknown) => batchRequest(offer, payload)
  const body = request(await depositPayload(channel, deposit, 1_000n, await context.devnet.now()))
  const answer = await context.facilitator.settle(body, 'settle (deposit opening the channel)')
  const state = await channelOf(context, channel.channelId)
  if (answer.body?.success !== true || state.balance !== deposit) {
    expectNoSignerRace(answer)
    throw new CheckFailure('the facilitator did not settle a valid deposit into a new channel', {
      expected: `success true and the channel funded with ${deposit}`,
      seen: `${describeAnswer(answer)}; on chain ${show(state)}`,
      spec: refs('FA-28'),
    })
  }
  await context.chain.transaction(answer.body.transaction, 'deposit')
  return { offer, channel, payer, receiver: offer.payTo, request }
}

/** The channel as the contract holds it. */
export function channelOf(context: FacilitatorCaseContext, channelId: Hex): Promise<ChannelState> {
  return readChannelState(context.devnet.publicClient, channelId)
}

/** Fails unless `snapshot` is the channel's on-chain state (the wire snapshot every answer carries). */
export function expectSnapshot(snapshot: unknown, channelId: Hex, state: ChannelState, where: string): void {
  const expected = {
    channelId: channelId.toLowerCase(),
    balance: state.balance.toString(),
    totalClaimed: state.totalClaimed.toString(),
    withdrawRequestedAt: String(state.withdrawRequestedAt),
    refundNonce: state.refundNonce.toString(),
  }
  const seen = isRecord(snapshot)
    ? {
        channelId:
          typeof snapshot.channelId === 'string' ? snapshot.channelId.toLowerCase() : snapshot.channelId,
        balance: String(snapshot.balance),
        totalClaimed: String(snapshot.totalClaimed),
        withdrawRequestedAt: String(snapshot.withdrawRequestedAt),
        refundNonce: String(snapshot.refundNonce),
      }
    : snapshot
  check(show(seen) === show(expected), `${where} does not carry the channel's snapshot`, {
    expected: show(expected),
    seen: show(snapshot),
    spec: refs('FA-28'),
  })
}

/** A /verify that refuses a batch payload with one of `codes`. */
export function expectBatchRefused(
  answer: FacilitatorAnswer<VerifyResponse>,
  codes: readonly string[],
  defect: string,
): void {
  expectRefusedWith(answer, { path: '/verify', flag: 'isValid', reason: 'invalidReason' }, codes, defect)
}

/** A /settle that refuses a batch action with one of `codes`. */
export function expectSettleRefused(
  answer: FacilitatorAnswer<SettlementResponse>,
  codes: readonly string[],
  defect: string,
): void {
  expectRefusedWith(answer, { path: '/settle', flag: 'success', reason: 'errorReason' }, codes, defect)
}

/** The answer's flag (`isValid`, `success`) is false and its reason one of `codes`. */
function expectRefusedWith(
  answer: FacilitatorAnswer<unknown>,
  fields: { path: string; flag: string; reason: string },
  codes: readonly string[],
  defect: string,
): void {
  const body = isRecord(answer.body) ? answer.body : undefined
  check(body?.[fields.flag] === false, `${fields.path} did not refuse ${defect}`, {
    expected: `${fields.flag} false with ${codes.join(' or ')}`,
    seen: describeAnswer(answer),
    spec: refs('FA-28'),
  })
  const reason = body?.[fields.reason]
  check(
    typeof reason === 'string' && codes.includes(reason),
    `${fields.path} refused ${defect} with another reason`,
    { expected: codes.join(' or '), seen: show(reason), spec: refs('FA-28') },
  )
}

/** A /settle that succeeded; its body. */
export function expectSettleSucceeded(
  answer: FacilitatorAnswer<SettlementResponse>,
  what: string,
): SettlementResponse & { amount?: unknown; extra?: unknown } {
  expectNoSignerRace(answer)
  check(answer.body?.success === true, `/settle did not settle ${what}`, {
    expected: 'success true',
    seen: describeAnswer(answer),
    spec: refs('FA-28'),
  })
  return answer.body as SettlementResponse & { amount?: unknown; extra?: unknown }
}
