/**
 * `batch-settlement` on EVM, client side (x402 v2; scheme_batch_settlement_evm.md "Client: Payment
 * Construction", "Client Verification Rules"). The paywall offers only batch-settlement (the built-in
 * facilitator as receiver authorizer) with the paywall's own batch flow; cases run the client
 * several times with one payer, so its channel carries over from run to run.
 *
 * `client.batch.offered-scheme` judges first what every other case builds on: the batch-settlement offer
 * is answered with a batch-settlement payload naming it, or not at all. A client that answers it with
 * another scheme's payload (an exact EIP-3009 authorization) fails that case once, and the other cases
 * are not run (they `dependsOn` it). A client that pays no batch-settlement (it refuses an offer list
 * holding only that scheme) skips every case, saying a batch-settlement-paying client enables them. A
 * client that does not continue its channel with a voucher (a deposit into a new channel each time)
 * fails `cumulative-voucher` and skips the cases that need a second voucher.
 *
 * Grading of the Steady State cases (CL-15), after the server's one tampered payment response:
 * - the client signs no further voucher on that channel (a deposit into another channel is fine): pass;
 * - it signs a voucher whose ceiling adopts the tampered state (above the honest charges + amount): fail;
 * - it keeps signing honest vouchers on that channel: fail as well. The spec's words are "the client
 *   must not sign further vouchers", and for the balance and channel-id checks continuing to sign is the
 *   only thing a client that skipped the check does differently.
 */
import type { Hex } from 'viem'
import { getAddress } from 'viem'
import {
  type BatchEndpointLog,
  type BatchHostility,
  batchScript,
  type PaywallEndpoint,
  type PaywallRequest,
} from '../../../harness/actors/paywall/index.ts'
import { check, checkEqual, show, skip } from '../../../harness/model/expect.ts'
import { CheckFailure } from '../../../harness/model/verdict.ts'
import {
  BATCH_SCHEME,
  MIN_WITHDRAW_DELAY,
  readChannelState,
} from '../../../harness/schemes/batch-settlement-evm/channel.ts'
import { ChannelLedger } from '../../../harness/schemes/batch-settlement-evm/ledger.ts'
import { type BatchPayment, readBatchPayment } from '../../../harness/schemes/batch-settlement-evm/payment.ts'
import { isRecord } from '../../../harness/wire/fields.ts'
import { decodeBase64Json, getHeader } from '../../../harness/wire/index.ts'
import type { PaymentRequiredV2, PaymentRequirementsV2 } from '../../../harness/wire/types.ts'
import { clientCase } from '../case.ts'
import type { ClientCaseContext, ClientRun, RunOptions } from '../context.ts'
import { DEFAULT_AMOUNT } from '../offers.ts'
import { expectChannelFromOffer, expectDepositAuthorized, expectVoucherSignedBy } from '../verdicts/batch.ts'
import { describeRun, refs } from '../verdicts/index.ts'

/** Several client runs per case (each a process for a command client). */
const BATCH_TIMEOUT_MS = 90_000

/** A batch endpoint of a case and what it logs. */
interface BatchSetup {
  endpoint: PaywallEndpoint
  offer: PaymentRequirementsV2
  amount: bigint
  log: BatchEndpointLog
}

/** One batch-settlement payment the client sent, read. */
interface SentBatch {
  request: PaywallRequest
  payment: BatchPayment
  /** The decoded payment payload (for evidence). */
  json: Record<string, unknown>
}

/** A fresh endpoint offering only batch-settlement, honest unless `hostility` is given. */
function batchEndpoint(context: ClientCaseContext, hostility?: BatchHostility): BatchSetup {
  const { devnet, facilitator } = context
  const offer = context.offer({
    scheme: BATCH_SCHEME,
    extra: {
      receiverAuthorizer: facilitator.signer,
      withdrawDelay: MIN_WITHDRAW_DELAY,
      ...devnet.preset.eip712,
    },
  }) as PaymentRequirementsV2
  const log: BatchEndpointLog = { ledger: new ChannelLedger() }
  const endpoint = context.endpoint(
    ({ url }) =>
      batchScript({
        paymentRequired: context.challenge(url, [offer]) as PaymentRequiredV2,
        chainId: devnet.preset.chainId,
        verify: (request) => facilitator.verify(request),
        log,
        ...(hostility === undefined ? {} : { hostility }),
      }),
    { maxRequests: 24 },
  )
  return { endpoint, offer, amount: BigInt(offer.amount), log }
}

/** Runs the client `count` times against the endpoint with one payer (the runs share its channel). */
async function runs(
  context: ClientCaseContext,
  endpoint: PaywallEndpoint,
  count: number,
): Promise<ClientRun[]> {
  const payer = context.target.kind === 'driver' ? undefined : await context.fundedPayer()
  const done: ClientRun[] = []
  for (let index = 1; index <= count; index++) {
    const options: RunOptions = { label: `run ${index}`, ...(payer === undefined ? {} : { payer }) }
    done.push(await context.pay(endpoint, options))
  }
  return done
}

/** Every batch-settlement payment on the endpoint so far (any run), in order; unreadable ones fail. */
function batchPayments(run: ClientRun): SentBatch[] {
  const sent: SentBatch[] = []
  for (const observed of run.payments) {
    const json = observed.json
    if (!isRecord(json) || !isRecord(json.accepted) || json.accepted.scheme !== BATCH_SCHEME) continue
    const read = readBatchPayment(json.payload)
    if (!read.ok)
      throw new CheckFailure(`the client's batch-settlement payload is malformed: ${read.error}`, {
        expected:
          'a deposit, voucher or refund payload (scheme_batch_settlement_evm.md "Client: Payment Construction")',
        seen: show(json.payload),
        spec: refs('CL-41'),
      })
    sent.push({ request: observed.request, payment: read.payment, json })
  }
  return sent
}

/** What enables the batch cases, for the skip reason of a client that pays no batch-settlement. */
const ENABLE_BATCH =
  'a client that pays batch-settlement (for the reference client: an offer list with no payable exact entry, or X402_CLIENT_PREFER_BATCH=1) runs these cases'

/** Skips unless the client paid the batch-settlement offer at all. */
function expectPaysBatch(run: ClientRun): SentBatch {
  const sent = batchPayments(run)
  if (sent.length === 0)
    skip(
      `the client did not pay a batch-settlement offer (${describeRun(run)}); it pays no batch-settlement: ${ENABLE_BATCH}`,
    )
  return sent[0]!
}

/** The id of the case every other batch case depends on. */
const OFFERED_SCHEME = 'client.batch.offered-scheme'

export const offeredScheme = clientCase({
  id: OFFERED_SCHEME,
  title:
    'An offer list holding only batch-settlement is answered with a batch-settlement payload naming that offer (a deposit or voucher), or not paid at all',
  versions: [2],
  requirements: ['CL-24', 'CL-23', 'CL-41'],
  tags: ['batch', 'honest'],
  timeoutMs: BATCH_TIMEOUT_MS,
  async run(context) {
    const { endpoint, offer } = batchEndpoint(context)
    const [run] = await runs(context, endpoint, 1)
    if (run!.payments.length === 0)
      skip(`the client paid nothing for a batch-settlement offer (${describeRun(run!)}): ${ENABLE_BATCH}`)
    for (const observed of run!.payments) {
      const json = isRecord(observed.json) ? observed.json : {}
      const accepted = isRecord(json.accepted) ? json.accepted : undefined
      check(
        accepted?.scheme === BATCH_SCHEME,
        "the client paid a batch-settlement offer under another scheme's name",
        {
          expected: `accepted: the offered ${BATCH_SCHEME} entry (the only one offered)`,
          seen: `accepted.scheme ${show(accepted?.scheme)}: ${show(accepted)}`,
          spec: refs('CL-24', 'CL-23'),
        },
      )
      check(
        accepted.payTo === offer.payTo && accepted.asset === offer.asset && accepted.amount === offer.amount,
        'accepted is not the offered batch-settlement entry',
        { expected: show(offer), seen: show(accepted), spec: refs('CL-23') },
      )
      const read = readBatchPayment(json.payload)
      check(read.ok, "the client answered a batch-settlement offer with another scheme's payload", {
        expected:
          'a batch-settlement payload: deposit, voucher or refund with channelConfig and voucher (scheme_batch_settlement_evm.md "Client: Payment Construction")',
        seen: `${read.ok ? '' : read.error}; payload keys: ${Object.keys(isRecord(json.payload) ? json.payload : {}).join(', ') || show(json.payload)}`,
        spec: refs('CL-41', 'CL-24'),
      })
    }
  },
})

/** The voucher ceiling of a payment. */
const ceilingOf = (sent: SentBatch): bigint => sent.payment.voucher.maxClaimableAmount

function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

/** The corrective 402 answered to `request`, decoded: its channelState.chargedCumulativeAmount. */
function correctiveCharged(request: PaywallRequest): bigint | undefined {
  if (request.reply?.status !== 402) return undefined
  const header = getHeader(request.reply.headers ?? {}, 'PAYMENT-REQUIRED')
  if (header === undefined) return undefined
  const decoded = decodeBase64Json(header)
  if (!decoded.ok || !isRecord(decoded.value)) return undefined
  const message = decoded.value as { error?: unknown; accepts?: unknown }
  if (message.error !== 'invalid_batch_settlement_evm_cumulative_amount_mismatch') return undefined
  const accepts = Array.isArray(message.accepts) ? (message.accepts as unknown[]) : []
  for (const entry of accepts) {
    const state = isRecord(entry) && isRecord(entry.extra) ? entry.extra.channelState : undefined
    if (isRecord(state) && typeof state.chargedCumulativeAmount === 'string')
      return BigInt(state.chargedCumulativeAmount)
  }
  return undefined
}

/** What a hostile endpoint did and what the client sent on the channel after it. */
interface AfterHostility {
  setup: BatchSetup
  channelId: Hex
  /** The request the hostility answered, and its voucher ceiling. */
  hostile: SentBatch
  /** Payments on the channel after the hostile answer, every run. */
  after: SentBatch[]
  last: ClientRun
}

/**
 * Runs the deposit, the voucher the hostility answers, and `extraRuns` more payments; skips unless the
 * client continued its channel with the voucher the hostility waits for.
 */
async function afterHostility(
  context: ClientCaseContext,
  hostility: BatchHostility,
  extraRuns = 1,
): Promise<AfterHostility> {
  const setup = batchEndpoint(context, hostility)
  const all = await runs(context, setup.endpoint, 2 + extraRuns)
  const last = all[all.length - 1]!
  const first = expectPaysBatch(last)
  const channelId = first.payment.voucher.channelId
  const applied = setup.log.applied
  const sent = batchPayments(last)
  const hostile = applied === undefined ? undefined : sent.find((item) => item.request.seq === applied.seq)
  if (applied === undefined || hostile === undefined)
    skip(
      `the client did not continue its channel with a voucher of chargedCumulativeAmount + amount, so the hostile answer never came (client.batch.cumulative-voucher judges that): ${describeRun(last)}`,
    )
  context.evidence.add({
    kind: 'note',
    text: `the paywall's hostile answer to request #${applied.seq}`,
    data: applied,
  })
  const after = sent.filter(
    (item) => item.request.seq > applied.seq && sameId(item.payment.voucher.channelId, channelId),
  )
  return { setup, channelId, hostile, after, last }
}

/**
 * The honest ceiling of each payment after the hostile answer: the hostile voucher's ceiling (plus the
 * amount when the server committed it), plus the amount for every later delivered request.
 */
function honestBounds(outcome: AfterHostility, committed: boolean): bigint[] {
  const amount = outcome.setup.amount
  let bound = ceilingOf(outcome.hostile) + (committed ? amount : 0n)
  return outcome.after.map((sent) => {
    const current = bound
    if (sent.request.reply?.status === 200) bound += amount
    return current
  })
}

/** Fails on the first payment after the hostile answer whose ceiling is above the honest bound. */
function expectNothingAdopted(
  outcome: AfterHostility,
  committed: boolean,
  situation: string,
  requirement: string,
): void {
  const bounds = honestBounds(outcome, committed)
  const index = outcome.after.findIndex((sent, at) => ceilingOf(sent) > bounds[at]!)
  if (index === -1) return
  const adopted = outcome.after[index]!
  throw new CheckFailure(
    `the client adopted the server's claim: after ${situation} it signed a voucher of ${ceilingOf(adopted)}`,
    {
      expected: `no voucher above the honest charges + amount, ${bounds[index]}`,
      seen: `#${adopted.request.seq}: ${adopted.payment.type} with maxClaimableAmount ${ceilingOf(adopted)} → ${adopted.request.reply?.status ?? '?'}`,
      spec: refs(requirement),
    },
  )
}

/** Steady State: after the tampered response no voucher on the channel at all (see the file comment). */
function expectStoppedSigning(outcome: AfterHostility, situation: string, failedCheck: string): void {
  expectNothingAdopted(outcome, true, situation, 'CL-15')
  if (outcome.after.length === 0) return
  throw new CheckFailure(`the client kept signing vouchers on its channel after ${situation}`, {
    expected: `no further voucher on channel ${outcome.channelId}: check "${failedCheck}" fails, and then "the client must not sign further vouchers"`,
    seen: outcome.after
      .map(
        (sent) =>
          `#${sent.request.seq}: ${sent.payment.type} of ${ceilingOf(sent)} → ${sent.request.reply?.status ?? '?'}`,
      )
      .join('; '),
    spec: refs('CL-15'),
  })
}

export const deposit = clientCase({
  id: 'client.batch.deposit',
  dependsOn: [OFFERED_SCHEME],
  title:
    'The first batch-settlement payment is a deposit into the channel the offer describes, with a first voucher of the amount, and it lands on chain',
  requirements: ['CL-41'],
  tags: ['batch', 'honest'],
  needs: ['chain'],
  timeoutMs: BATCH_TIMEOUT_MS,
  async run(context) {
    const { devnet, evidence } = context
    const chainId = devnet.preset.chainId
    const { endpoint, offer, amount } = batchEndpoint(context)
    const [run] = await runs(context, endpoint, 1)
    const sent = expectPaysBatch(run!)
    const { payment } = sent
    evidence.add({
      kind: 'note',
      text: 'the batch-settlement payload the client sent',
      data: sent.json.payload,
    })
    check(
      payment.type === 'deposit',
      `the first payment on a new channel is a ${payment.type}, not a deposit`,
      {
        expected: 'payload.type "deposit" (no channel exists yet)',
        seen: show(payment.type),
        spec: refs('CL-41'),
      },
    )
    const config = payment.config
    const channelId = expectChannelFromOffer(config, payment.voucher, offer, run!.payer?.address, chainId)
    checkEqual(
      ceilingOf(sent),
      amount,
      'the first voucher is not the amount (chargedCumulativeAmount 0 + amount)',
      {
        spec: refs('CL-41'),
      },
    )
    await expectVoucherSignedBy(devnet.publicClient, evidence, config, channelId, payment.voucher, chainId)
    if (payment.type !== 'deposit') return
    check(payment.depositAmount >= amount, 'the deposit does not cover the first voucher', {
      expected: `deposit.amount ≥ ${amount}`,
      seen: `${payment.depositAmount}`,
      spec: refs('CL-41'),
    })
    const depositJson = (sent.json.payload as { deposit: { authorization?: unknown } }).deposit
    await expectDepositAuthorized(depositJson, config, channelId, payment.depositAmount, {
      ...devnet.preset.eip712,
      chainId,
      asset: getAddress(offer.asset),
    })
    const state = await readChannelState(devnet.publicClient, channelId)
    evidence.add({
      kind: 'note',
      text: `channel ${channelId} on chain after the deposit`,
      data: {
        balance: `${state.balance}`,
        totalClaimed: `${state.totalClaimed}`,
        withdrawRequestedAt: state.withdrawRequestedAt,
        refundNonce: `${state.refundNonce}`,
      },
    })
    check(
      state.balance === payment.depositAmount && sent.request.reply?.status === 200,
      'the deposit did not land on chain and the resource was not delivered',
      {
        expected: `channel balance ${payment.depositAmount}, the paid request answered 200`,
        seen: `balance ${state.balance}, answer ${sent.request.reply?.status ?? '?'}`,
        spec: refs('CL-41'),
      },
    )
  },
})

export const cumulativeVoucher = clientCase({
  id: 'client.batch.cumulative-voucher',
  dependsOn: [OFFERED_SCHEME],
  title:
    'The next payment on the channel is a voucher of chargedCumulativeAmount + amount on the same channel (or a correct recovery from the corrective 402)',
  requirements: ['CL-41', 'CL-42'],
  tags: ['batch', 'honest'],
  timeoutMs: BATCH_TIMEOUT_MS,
  async run(context) {
    const { endpoint, amount } = batchEndpoint(context)
    const [, second] = await runs(context, endpoint, 2)
    const first = expectPaysBatch(second!)
    const channelId = first.payment.voucher.channelId
    check(
      first.request.reply?.status === 200,
      'the first (deposit) payment was not delivered, so there is no channel to continue',
      { expected: 'the deposit answered 200', seen: describeRun(second!), spec: refs('CL-41') },
    )
    const later = batchPayments(second!).filter((sent) => sent.request.seq > first.request.seq)
    check(later.length > 0, 'the second run paid nothing on batch-settlement', {
      expected: 'a voucher',
      seen: describeRun(second!),
      spec: refs('CL-41'),
    })
    const elsewhere = later.find((sent) => !sameId(sent.payment.voucher.channelId, channelId))
    check(elsewhere === undefined, 'the client opened another channel although its channel has balance', {
      expected: `a voucher on channel ${channelId}`,
      seen:
        elsewhere === undefined
          ? ''
          : `#${elsewhere.request.seq}: ${elsewhere.payment.type} on ${elsewhere.payment.voucher.channelId}`,
      spec: refs('CL-41'),
    })
    // The honest server charged exactly the amount for the deposit request.
    let expected = amount + amount
    for (const sent of later) {
      checkEqual(
        ceilingOf(sent),
        expected,
        `payment #${sent.request.seq} is not a voucher of chargedCumulativeAmount + amount`,
        { spec: refs('CL-41') },
      )
      const corrective = correctiveCharged(sent.request)
      if (corrective === undefined) break
      expected = corrective + amount
    }
    check(later[later.length - 1]!.request.reply?.status === 200, 'the voucher was not delivered', {
      expected: 'the last payment answered 200',
      seen: describeRun(second!),
      spec: refs('CL-41'),
    })
  },
})

export const correctiveRecovery = clientCase({
  id: 'client.batch.corrective-recovery',
  dependsOn: [OFFERED_SCHEME],
  title:
    'After a lost response, the client recovers through the corrective 402: it adopts the verified state and retries with chargedCumulativeAmount + amount, never more',
  requirements: ['CL-42'],
  tags: ['batch', 'recovery'],
  timeoutMs: BATCH_TIMEOUT_MS,
  async run(context) {
    const outcome = await afterHostility(context, { kind: 'drop-after-commit' })
    const { after, last, setup } = outcome
    expectNothingAdopted(outcome, true, 'a response it never received', 'CL-42')
    for (const [index, sent] of after.entries()) {
      const corrective = correctiveCharged(sent.request)
      const retry = after[index + 1]
      if (corrective === undefined || retry === undefined) continue
      checkEqual(
        ceilingOf(retry),
        corrective + setup.amount,
        'the retry after the corrective 402 is not its chargedCumulativeAmount + amount',
        {
          spec: refs('CL-42'),
        },
      )
    }
    check(
      after[after.length - 1]?.request.reply?.status === 200,
      'the client did not recover its channel after the corrective 402',
      {
        expected: 'a voucher of the corrected chargedCumulativeAmount + amount, delivered',
        seen: describeRun(last),
        spec: refs('CL-42'),
        level: 'SHOULD',
      },
    )
  },
})

export const correctiveForged = clientCase({
  id: 'client.batch.corrective-forged-signature',
  dependsOn: [OFFERED_SCHEME],
  title:
    'A corrective 402 whose voucherState is signed by someone else is not adopted (the client never signs the inflated chargedCumulativeAmount + amount)',
  requirements: ['CL-42'],
  tags: ['batch', 'hostile'],
  timeoutMs: BATCH_TIMEOUT_MS,
  async run(context) {
    const forger = (await context.fundedPayer()).account
    const outcome = await afterHostility(
      context,
      { kind: 'forged-corrective', by: 5n * DEFAULT_AMOUNT, signer: forger },
      0,
    )
    expectNothingAdopted(outcome, false, 'a corrective 402 whose voucherState another key signed', 'CL-42')
  },
})

export const correctiveAboveSigned = clientCase({
  id: 'client.batch.corrective-above-signed',
  dependsOn: [OFFERED_SCHEME],
  title:
    "A corrective 402 whose chargedCumulativeAmount exceeds the client's own signedMaxClaimable is not adopted",
  requirements: ['CL-42'],
  tags: ['batch', 'hostile'],
  timeoutMs: BATCH_TIMEOUT_MS,
  async run(context) {
    const outcome = await afterHostility(context, { kind: 'above-signed', by: 5n * DEFAULT_AMOUNT }, 0)
    expectNothingAdopted(
      outcome,
      false,
      'a corrective 402 charging above the voucher the client signed',
      'CL-42',
    )
  },
})

/** One Steady State case: the paywall tampers the response to the first voucher one way. */
function steadyStateCase(
  name: string,
  title: string,
  failedCheck: string,
  hostility: (amount: bigint) => BatchHostility,
) {
  return clientCase({
    id: `client.batch.steady-${name}`,
    dependsOn: [OFFERED_SCHEME],
    title,
    versions: [2],
    requirements: ['CL-15'],
    tags: ['batch', 'hostile'],
    timeoutMs: BATCH_TIMEOUT_MS,
    async run(context) {
      const outcome = await afterHostility(context, hostility(DEFAULT_AMOUNT))
      expectStoppedSigning(outcome, `a payment response that fails "${failedCheck}"`, failedCheck)
    },
  })
}

export const steadyOvercharge = steadyStateCase(
  'overcharge',
  'After a response charging more than the amount, the client signs no further voucher on the channel',
  'extra.chargedAmount <= PaymentRequirements.amount',
  (amount) => ({ kind: 'overcharge', by: amount }),
)

export const steadyCumulative = steadyStateCase(
  'cumulative',
  'After a response whose chargedCumulativeAmount is not previous + chargedAmount, the client signs no further voucher on the channel',
  'extra.channelState.chargedCumulativeAmount == previous + extra.chargedAmount',
  (amount) => ({ kind: 'cumulative', by: amount }),
)

export const steadyBalance = steadyStateCase(
  'balance',
  'After a response with a channel balance other than the client expects, the client signs no further voucher on the channel',
  "extra.channelState.balance is consistent with the client's expectation",
  (amount) => ({ kind: 'balance', by: 10n * amount }),
)

export const steadyChannelId = steadyStateCase(
  'channel-id',
  'After a response naming another channel id, the client signs no further voucher on the channel',
  'extra.channelState.channelId matches',
  () => ({ kind: 'channel-id' }),
)

/** The batch-settlement client cases, in report order. */
export const batchCases = [
  offeredScheme,
  deposit,
  cumulativeVoucher,
  correctiveRecovery,
  correctiveForged,
  correctiveAboveSigned,
  steadyOvercharge,
  steadyCumulative,
  steadyBalance,
  steadyChannelId,
]
