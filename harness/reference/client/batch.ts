/**
 * The reference client's `batch-settlement` payments on EVM (scheme_batch_settlement_evm.md "Client:
 * Payment Construction" and "Client Verification Rules"), one channel per offer:
 * - the channel config maps payTo → receiver, extra.receiverAuthorizer, asset → token and
 *   extra.withdrawDelay, with the client as payer and payer authorizer and a fixed salt, so the channel
 *   id can always be recomputed ("Recovery After State Loss");
 * - without a channel (or with too little balance) it deposits `multiplier × amount` through the
 *   ERC-3009 collector with a first voucher; otherwise it signs a voucher of
 *   `chargedCumulativeAmount + amount`;
 * - every successful response goes through the four Steady State checks; one failing stops the client
 *   signing on that channel for good;
 * - a corrective 402 is adopted only after its voucherState verifies against the client's own signer
 *   and stays within the signed ceiling (without voucherState: the chain's totalClaimed), then the
 *   payment is retried once.
 */
import {
  type Address,
  createPublicClient,
  getAddress,
  type Hex,
  http,
  type LocalAccount,
  type PublicClient,
  recoverTypedDataAddress,
  zeroHash,
} from 'viem'
import {
  type BatchOffer,
  depositPayload,
  openChannel,
  voucherPayload,
} from '../../schemes/batch-settlement-evm/build.ts'
import {
  BATCH_SCHEME,
  batchDomain,
  MAX_WITHDRAW_DELAY,
  MIN_WITHDRAW_DELAY,
  readChannelState,
  voucherTypes,
} from '../../schemes/batch-settlement-evm/channel.ts'
import { isRecord } from '../../wire/fields.ts'
import { decodeBase64Json, getHeader } from '../../wire/index.ts'
import type { PaymentPayloadV2, PaymentRequired, PaymentRequirements } from '../../wire/types.ts'
import type { BatchChannelRecord, BatchChannelStore } from './batch-state.ts'
import type {
  BatchVerdict,
  Challenge,
  CorrectiveInput,
  ReceiptExpectation,
  ReceivedResponse,
  StepContext,
} from './types.ts'

/** The salt of every channel the reference client opens (fixed: the channel id is recomputable). */
export const REFERENCE_CHANNEL_SALT: Hex = zeroHash

/** Deposit size in multiples of the offer's amount, unless configured. */
export const DEFAULT_DEPOSIT_MULTIPLIER = 10n

/** The corrective 402's error code (and the one the SDK also treats as corrective). */
const CORRECTIVE_ERRORS = new Set([
  'invalid_batch_settlement_evm_cumulative_amount_mismatch',
  'invalid_batch_settlement_evm_cumulative_below_claimed',
])

/** Whether `offer` is a batch-settlement offer the reference client can open a channel for. */
export function batchOfferUsable(offer: PaymentRequirements): boolean {
  if (offer.scheme !== BATCH_SCHEME || !('amount' in offer)) return false
  const extra = offer.extra ?? {}
  const authorizer = extra.receiverAuthorizer
  if (typeof authorizer !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(authorizer)) return false
  if (BigInt(authorizer) === 0n) return false
  const delay = extra.withdrawDelay
  if (typeof delay !== 'number' || !Number.isInteger(delay)) return false
  if (delay < MIN_WITHDRAW_DELAY || delay > MAX_WITHDRAW_DELAY) return false
  return /^0x[0-9a-fA-F]{40}$/.test(offer.payTo)
}

/**
 * The four Steady State checks on a successful response's settlement (the reference `checkBatchReceipt`
 * step): chargedAmount ≤ amount; chargedCumulativeAmount = previous + chargedAmount; balance as
 * expected; the same channel id. A response without them cannot be checked, so it fails too.
 */
export function checkBatchReceipt(settlement: unknown, expected: ReceiptExpectation): BatchVerdict {
  const extra = isRecord(settlement) && isRecord(settlement.extra) ? settlement.extra : undefined
  const state = isRecord(extra?.channelState) ? extra.channelState : undefined
  const charged = decimal(extra?.chargedAmount)
  const cumulative = decimal(state?.chargedCumulativeAmount)
  const balance = decimal(state?.balance)
  if (!isRecord(settlement) || settlement.success !== true)
    return { ok: false, reason: 'the paid response carries no successful PAYMENT-RESPONSE' }
  if (charged === undefined || cumulative === undefined || balance === undefined || state === undefined)
    return {
      ok: false,
      reason:
        'PAYMENT-RESPONSE lacks extra.chargedAmount or extra.channelState (balance, chargedCumulativeAmount)',
    }
  if (charged > expected.amount)
    return { ok: false, reason: `check 1: chargedAmount ${charged} exceeds the amount ${expected.amount}` }
  if (cumulative !== expected.previousCharged + charged)
    return {
      ok: false,
      reason: `check 2: chargedCumulativeAmount ${cumulative} is not ${expected.previousCharged} + ${charged}`,
    }
  if (balance !== expected.expectedBalance)
    return {
      ok: false,
      reason: `check 3: balance ${balance} is not the expected ${expected.expectedBalance}`,
    }
  if (
    typeof state.channelId !== 'string' ||
    state.channelId.toLowerCase() !== expected.channelId.toLowerCase()
  )
    return {
      ok: false,
      reason: `check 4: channelState.channelId ${String(state.channelId)} is not ${expected.channelId}`,
    }
  return { ok: true, chargedCumulativeAmount: cumulative, balance }
}

/**
 * Judges a corrective 402 (the reference `acceptCorrective` step): with voucherState, its signature must
 * recover to the client's signer over (channelId, signedMaxClaimable), and chargedCumulativeAmount must
 * lie between the chain's totalClaimed and signedMaxClaimable; without it, the chain's totalClaimed is
 * the baseline.
 */
export async function acceptCorrective(input: CorrectiveInput): Promise<BatchVerdict> {
  const extra = input.accept.extra ?? {}
  const state = isRecord(extra.channelState) ? extra.channelState : undefined
  if (state === undefined) return { ok: false, reason: 'the corrective 402 carries no extra.channelState' }
  if (typeof state.channelId !== 'string' || state.channelId.toLowerCase() !== input.channelId.toLowerCase())
    return {
      ok: false,
      reason: `channelState.channelId ${String(state.channelId)} is not the client's channel`,
    }
  const voucherState = isRecord(extra.voucherState) ? extra.voucherState : undefined
  if (voucherState === undefined)
    return {
      ok: true,
      chargedCumulativeAmount: input.onChain.totalClaimed,
      balance: input.onChain.balance,
    }
  const charged = decimal(state.chargedCumulativeAmount)
  const signed = decimal(voucherState.signedMaxClaimable)
  const signature = voucherState.signature
  if (
    charged === undefined ||
    signed === undefined ||
    typeof signature !== 'string' ||
    !signature.startsWith('0x')
  )
    return { ok: false, reason: 'channelState/voucherState of the corrective 402 are malformed' }
  if (charged > signed)
    return { ok: false, reason: `chargedCumulativeAmount ${charged} exceeds signedMaxClaimable ${signed}` }
  if (charged < input.onChain.totalClaimed)
    return {
      ok: false,
      reason: `chargedCumulativeAmount ${charged} is below the claimed ${input.onChain.totalClaimed}`,
    }
  let recovered: Address
  try {
    recovered = await recoverTypedDataAddress({
      domain: batchDomain(input.chainId),
      types: voucherTypes,
      primaryType: 'Voucher',
      message: { channelId: input.channelId, maxClaimableAmount: signed },
      signature: signature as Hex,
    })
  } catch {
    return { ok: false, reason: 'voucherState.signature does not recover' }
  }
  if (getAddress(recovered) !== getAddress(input.signer))
    return {
      ok: false,
      reason: `voucherState.signature is ${recovered}'s, not the client's (${input.signer})`,
    }
  return { ok: true, chargedCumulativeAmount: charged, balance: input.onChain.balance }
}

/** What `payBatch` needs from the payment loop. */
export interface BatchPaymentIo {
  account: LocalAccount
  store: BatchChannelStore
  /** Sends the paid request with `headers` (redirect policy applied) and returns the answer. */
  send(headers: Record<string, string>): Promise<ReceivedResponse>
  note(message: string): void
}

/** The outcome of a batch payment: the last answer and its settlement, or a refusal before paying. */
export type BatchOutcome =
  | { paid: true; response: ReceivedResponse; settlement?: unknown }
  | { paid: false; reason: string; response?: ReceivedResponse }

/** Pays `requirements` (a batch-settlement offer of `challenge`) on the client's channel. */
export async function payBatch(
  challenge: Challenge,
  requirements: PaymentRequirements,
  context: StepContext,
  io: BatchPaymentIo,
): Promise<BatchOutcome> {
  const { config, steps } = context
  const offer = requirements as unknown as BatchOffer
  const amount = BigInt(offer.amount)
  const channel = openChannel({
    offer,
    payer: io.account,
    chainId: config.chainId,
    salt: REFERENCE_CHANNEL_SALT,
  })
  const { channelId } = channel
  const chain = publicClientOf(config.rpcUrl)
  let record = await io.store.get(channelId)
  if (record === undefined) {
    // Client cold start: the chain's balance, and totalClaimed as what was charged.
    const onChain = await readChannelState(chain, channelId)
    if (onChain.balance > 0n)
      record = { channelId, chargedCumulativeAmount: onChain.totalClaimed, balance: onChain.balance }
  }
  if (record?.stopped !== undefined)
    return { paid: false, reason: `no more vouchers on channel ${channelId}: ${record.stopped}` }
  const multiplier = config.batchDepositMultiplier ?? DEFAULT_DEPOSIT_MULTIPLIER
  let corrected = false
  let response: ReceivedResponse | undefined
  for (;;) {
    const previousCharged = record?.chargedCumulativeAmount ?? 0n
    const previousBalance = record?.balance ?? 0n
    const ceiling = previousCharged + amount
    const short = ceiling - previousBalance
    const deposit = record === undefined || short > 0n ? max(amount * multiplier, short) : undefined
    const now = BigInt(Math.floor(Date.now() / 1000))
    const payload =
      deposit === undefined
        ? await voucherPayload(channel, ceiling)
        : await depositPayload(channel, deposit, ceiling, now)
    const payment = steps.payload(challenge, requirements, payload as never) as PaymentPayloadV2
    response = await io.send({ [steps.header(2)]: steps.encode(payment) })
    if (response.status === 402 && !corrected) {
      const accept = correctiveOffer(response)
      if (accept !== undefined) {
        corrected = true
        const onChain = await readChannelState(chain, channelId)
        const verdict = await steps.acceptCorrective({
          accept,
          channelId,
          signer: io.account.address,
          chainId: config.chainId,
          onChain,
        })
        if (!verdict.ok) {
          io.note(`not adopting the corrective 402: ${verdict.reason}`)
          return { paid: true, response }
        }
        record = {
          channelId,
          chargedCumulativeAmount: verdict.chargedCumulativeAmount,
          balance: verdict.balance,
        }
        await io.store.put(record)
        continue
      }
    }
    const settlement = steps.readSettlement(response, 2)
    if (response.status >= 200 && response.status < 300) {
      const expectedBalance = previousBalance + (deposit ?? 0n)
      const verdict = steps.checkBatchReceipt(settlement, {
        channelId,
        amount,
        previousCharged,
        expectedBalance,
      })
      const next: BatchChannelRecord = verdict.ok
        ? { channelId, chargedCumulativeAmount: verdict.chargedCumulativeAmount, balance: verdict.balance }
        : {
            channelId,
            chargedCumulativeAmount: previousCharged,
            balance: expectedBalance,
            stopped: verdict.reason,
          }
      if (!verdict.ok) io.note(`stopped signing on channel ${channelId}: ${verdict.reason}`)
      await io.store.put(next)
    }
    return { paid: true, response, ...(settlement === undefined ? {} : { settlement }) }
  }
}

/** The batch-settlement entry of a corrective 402 (`PAYMENT-REQUIRED` with a corrective error), if any. */
function correctiveOffer(response: ReceivedResponse): PaymentRequirements | undefined {
  const header = getHeader(response.headers, 'PAYMENT-REQUIRED')
  if (header === undefined) return undefined
  const decoded = decodeBase64Json(header)
  if (!decoded.ok || !isRecord(decoded.value)) return undefined
  const message = decoded.value as unknown as PaymentRequired
  if (typeof message.error !== 'string' || !CORRECTIVE_ERRORS.has(message.error)) return undefined
  const accepts: unknown[] = Array.isArray(message.accepts) ? message.accepts : []
  return accepts.find(
    (entry): entry is PaymentRequirements =>
      isRecord(entry) &&
      entry.scheme === BATCH_SCHEME &&
      isRecord(entry.extra) &&
      isRecord(entry.extra.channelState),
  )
}

const clients = new Map<string, PublicClient>()

function publicClientOf(rpcUrl: string): PublicClient {
  let client = clients.get(rpcUrl)
  if (client === undefined) {
    client = createPublicClient({ transport: http(rpcUrl, { retryCount: 0 }) }) as PublicClient
    clients.set(rpcUrl, client)
  }
  return client
}

function decimal(value: unknown): bigint | undefined {
  return typeof value === 'string' && /^(0|[1-9][0-9]*)$/.test(value) ? BigInt(value) : undefined
}

function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b
}
