/**
 * What the server suite's `batch-settlement` cases share (x402 v2, EVM; scheme_batch_settlement_evm.md):
 * the server's batch offer on the devnet, a funded payer with a channel to it (harness/actors/
 * batch-payer.ts), and readings of the two answers the scheme adds: the payment response with its
 * `chargedAmount` and `channelState`, and the corrective 402 with `channelState` and `voucherState`.
 * A server that offers no batch-settlement on the devnet skips these cases.
 */
import { type Address, type Hex, recoverTypedDataAddress } from 'viem'
import { type BatchPayer, batchPayer } from '../../harness/actors/batch-payer.ts'
import { BATCH_SETTLEMENT_ADDRESS } from '../../harness/devnet/batch.ts'
import { waitForReceipt } from '../../harness/devnet/receipt.ts'
import { check, checkEqual, show, skip } from '../../harness/model/expect.ts'
import { signVoucher } from '../../harness/schemes/batch-settlement-evm/build.ts'
import {
  claimBatchTypedData,
  claimWithSignatureCalldata,
  depositCalldata,
} from '../../harness/schemes/batch-settlement-evm/calldata.ts'
import { batchDomain, voucherTypes } from '../../harness/schemes/batch-settlement-evm/channel.ts'
import { safeDecodeHeader } from '../../harness/wire/headers.ts'
import { decodeBase64Json } from '../../harness/wire/json.ts'
import type { PaymentPayloadV2, PaymentRequiredV2, PaymentRequirementsV2 } from '../../harness/wire/types.ts'
import type { CasePayer, ServerContext, ServerResponse } from './context.ts'
import { specOf } from './spec.ts'

/** The error of a corrective 402. */
export const CUMULATIVE_MISMATCH = 'invalid_batch_settlement_evm_cumulative_amount_mismatch'

/** A batch channel of a fresh funded payer to the server, and the offer's price. */
export interface OpenBatch {
  offer: PaymentRequirementsV2
  price: bigint
  payer: CasePayer
  channel: BatchPayer
  /** Sends a batch payment (recorded as evidence). */
  send(payment: PaymentPayloadV2, label: string): Promise<ServerResponse>
  /** Sends a batch payment that must buy nothing (no delivery, RS-18); the response, for what else it must show. */
  sendRefused(payment: PaymentPayloadV2, label: string): Promise<ServerResponse>
}

/** The server's batch-settlement offer on the devnet, or a skip. */
export function batchOfferOf(context: ServerContext): PaymentRequirementsV2 {
  const accepts =
    context.version === 2 ? ((context.challenge as PaymentRequiredV2 | undefined)?.accepts ?? []) : []
  const offer = accepts.find(
    (item) =>
      item.scheme === 'batch-settlement' &&
      item.network === context.devnet.preset.network &&
      item.asset.toLowerCase() === context.devnet.usdc.toLowerCase(),
  )
  if (!offer)
    skip(
      `the server offers no batch-settlement in the devnet USDC on ${context.devnet.preset.network} (these cases run when its v2 challenge carries a batch-settlement offer in that asset and network, e.g. a server wired to a facilitator whose /supported lists batch-settlement)`,
    )
  return offer
}

/** A fresh payer's channel to the server's batch offer (nothing sent yet). */
export async function openBatch(context: ServerContext): Promise<OpenBatch> {
  const offer = batchOfferOf(context)
  const payer = await context.payer()
  const channel = batchPayer(offer, payer.account.account, context.devnet.preset.chainId)
  context.note(
    `channel ${channel.channelId} of payer ${payer.address} to ${offer.payTo}`,
    channel.channel.config,
  )
  return {
    offer,
    price: BigInt(offer.amount),
    payer,
    channel,
    send: (payment, label) => context.request({ payment, label }),
    async sendRefused(payment, label) {
      const response = await context.request({ payment, label })
      context.expect.noDelivery(response)
      return response
    },
  }
}

/** Deposits `multiple` × price with the first voucher; the server must deliver. Returns the receipt. */
export async function depositFirst(
  context: ServerContext,
  open: OpenBatch,
  multiple = 10n,
): Promise<BatchReceipt> {
  const deposit = open.price * multiple
  const response = await open.send(
    await open.channel.deposit(deposit, open.price, await context.devnet.now()),
    `deposit of ${deposit} with a first voucher of ${open.price}`,
  )
  context.expect.delivered(response)
  return receiptOf(response, 'the deposit')
}

/** The channel state a batch answer reports. */
export interface ChannelStateReading {
  channelId: string
  balance: bigint
  totalClaimed: bigint
  chargedCumulativeAmount: bigint
}

/** A batch payment response, read. */
export interface BatchReceipt {
  raw: Record<string, unknown>
  success: unknown
  transaction: unknown
  amount: unknown
  chargedAmount: bigint | undefined
  channelState: ChannelStateReading | undefined
}

const uint = (value: unknown): bigint | undefined =>
  typeof value === 'string' && /^[0-9]+$/.test(value)
    ? BigInt(value)
    : typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
      ? BigInt(value)
      : undefined

/** Reads a wire `channelState` object (amounts as decimal strings); undefined when a field is missing or not an amount. */
function readWireChannelState(value: unknown): ChannelStateReading | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const state = value as Record<string, unknown>
  const balance = uint(state.balance)
  const totalClaimed = uint(state.totalClaimed)
  const charged = uint(state.chargedCumulativeAmount)
  if (
    typeof state.channelId !== 'string' ||
    balance === undefined ||
    totalClaimed === undefined ||
    charged === undefined
  )
    return undefined
  return { channelId: state.channelId, balance, totalClaimed, chargedCumulativeAmount: charged }
}

/** The PAYMENT-RESPONSE of a batch answer (base64 JSON object), or a failure naming `what`. */
export function receiptOf(response: ServerResponse, what: string): BatchReceipt {
  const header = response.headers['payment-response']
  check(header !== undefined, `${what} came without a PAYMENT-RESPONSE header`, {
    expected: 'a PAYMENT-RESPONSE header with the batch SettlementResponse',
    seen: `HTTP ${response.status}, headers ${Object.keys(response.headers).join(', ')}`,
    spec: specOf('RS-45'),
  })
  const decoded = decodeBase64Json(header as string)
  check(
    decoded.ok && typeof decoded.value === 'object' && decoded.value !== null,
    `${what}: PAYMENT-RESPONSE is not base64 JSON`,
    {
      seen: show(header),
      spec: specOf('RS-45'),
    },
  )
  const raw = (decoded as { value: Record<string, unknown> }).value
  const extra = (typeof raw.extra === 'object' && raw.extra !== null ? raw.extra : {}) as Record<
    string,
    unknown
  >
  return {
    raw,
    success: raw.success,
    transaction: raw.transaction,
    amount: raw.amount,
    chargedAmount: uint(extra.chargedAmount),
    channelState: readWireChannelState(extra.channelState),
  }
}

/**
 * The receipt of a paid request follows the contract: success, a charge of at most the price, and
 * the channel's state with `chargedCumulativeAmount` grown by exactly that charge. Returns the new
 * cumulative charge.
 */
export function expectCharged(
  receipt: BatchReceipt,
  open: OpenBatch,
  previousCharged: bigint,
  what: string,
): bigint {
  const spec = specOf('RS-45')
  checkEqual(receipt.success, true, `${what}: the payment response does not say success`, { spec })
  check(receipt.chargedAmount !== undefined, `${what}: the payment response has no extra.chargedAmount`, {
    expected: 'extra.chargedAmount, a decimal amount',
    seen: show(receipt.raw.extra),
    spec,
  })
  const charged = receipt.chargedAmount as bigint
  check(charged <= open.price, `${what}: the server charged more than the requirement's amount`, {
    expected: `chargedAmount <= ${open.price}`,
    seen: `${charged}`,
    spec,
  })
  expectChannelState(receipt.channelState, open, previousCharged + charged, `${what}: the payment response`, {
    missing: 'has no complete extra.channelState',
    charged: 'channelState.chargedCumulativeAmount is not the previous charge plus chargedAmount',
  })
  return previousCharged + charged
}

/** A channel state is there, names the payer's channel and `charged` as chargedCumulativeAmount. */
function expectChannelState(
  state: ChannelStateReading | undefined,
  open: OpenBatch,
  charged: bigint,
  what: string,
  messages: { missing: string; charged: string; spec?: string },
): ChannelStateReading {
  const spec = specOf(messages.spec ?? 'RS-45')
  check(state !== undefined, `${what} ${messages.missing}`, {
    expected:
      'channelState {channelId, balance, totalClaimed, withdrawRequestedAt, refundNonce, chargedCumulativeAmount}',
    spec,
  })
  const reading = state as ChannelStateReading
  checkEqual(
    reading.channelId.toLowerCase(),
    open.channel.channelId.toLowerCase(),
    `${what}: channelState names another channel`,
    { spec },
  )
  checkEqual(reading.chargedCumulativeAmount, charged, `${what}: ${messages.charged}`, { spec })
  return reading
}

/** A fresh channel with a deposit of `multiple` × price that bought one request; the charge so far. */
export async function openDeposited(
  context: ServerContext,
  multiple = 10n,
): Promise<{ open: OpenBatch; charged: bigint }> {
  const open = await openBatch(context)
  const charged = expectCharged(await depositFirst(context, open, multiple), open, 0n, 'the deposit')
  return { open, charged }
}

/** Sends the next voucher (charged + price), which must buy the resource; the new charge. */
export async function payNextVoucher(
  context: ServerContext,
  open: OpenBatch,
  charged: bigint,
  what = 'the voucher',
): Promise<bigint> {
  const response = await open.send(
    await open.channel.voucher(charged + open.price),
    `${what}: ${charged + open.price}`,
  )
  context.expect.delivered(response)
  return expectCharged(receiptOf(response, what), open, charged, what)
}

/** A voucher-only receipt: nothing moved on chain, so `transaction` and `amount` are empty. */
export function expectVoucherOnly(receipt: BatchReceipt, what: string): void {
  const spec = specOf('RS-45')
  checkEqual(receipt.transaction, '', `${what}: a voucher-only response names a transaction`, { spec })
  checkEqual(receipt.amount, '', `${what}: a voucher-only response has a top-level amount`, { spec })
}

/** The corrective 402 after a cumulative mismatch, read and checked. Returns its channel state. */
export async function expectCorrective(
  response: ServerResponse,
  open: OpenBatch,
  expected: { charged: bigint; signedMaxClaimable?: bigint },
  what: string,
): Promise<ChannelStateReading> {
  const spec = specOf('RS-31')
  checkEqual(
    response.status,
    402,
    `${what}: a voucher that does not match the server's cumulative charge is not answered 402`,
    { spec },
  )
  const header = response.headers['payment-required']
  const decoded = header === undefined ? undefined : safeDecodeHeader('PAYMENT-REQUIRED', header)
  check(decoded?.ok === true, `${what}: the corrective 402 has no valid PAYMENT-REQUIRED header`, {
    seen: show(header),
    spec,
  })
  const required = (decoded as { value: PaymentRequiredV2 }).value
  checkEqual(required.error, CUMULATIVE_MISMATCH, `${what}: the corrective 402 names another error`, { spec })
  const offer = required.accepts.find((item) => item.scheme === 'batch-settlement')
  const extra = (offer?.extra ?? {}) as Record<string, unknown>
  const reading = expectChannelState(
    readWireChannelState(extra.channelState),
    open,
    expected.charged,
    `${what}: the corrective 402`,
    {
      missing: 'carries no complete accepts[].extra.channelState',
      charged: 'channelState.chargedCumulativeAmount is not what the server charged',
      spec: 'RS-31',
    },
  )
  if (expected.signedMaxClaimable !== undefined) {
    const voucherState = (extra.voucherState ?? {}) as Record<string, unknown>
    checkEqual(
      uint(voucherState.signedMaxClaimable),
      expected.signedMaxClaimable,
      `${what}: voucherState.signedMaxClaimable is not the payer's latest voucher`,
      { spec },
    )
    const signer = await recoverVoucherSigner(open, expected.signedMaxClaimable, voucherState.signature)
    check(
      signer?.toLowerCase() === open.payer.address.toLowerCase(),
      `${what}: voucherState.signature is not the payer's voucher signature`,
      {
        expected: open.payer.address,
        seen: show(signer ?? voucherState.signature),
        spec,
      },
    )
  }
  return reading
}

async function recoverVoucherSigner(
  open: OpenBatch,
  ceiling: bigint,
  signature: unknown,
): Promise<Address | undefined> {
  if (typeof signature !== 'string' || !/^0x[0-9a-fA-F]+$/.test(signature)) return undefined
  try {
    return await recoverTypedDataAddress({
      domain: batchDomain(open.channel.channel.chainId),
      types: voucherTypes,
      primaryType: 'Voucher',
      message: { channelId: open.channel.channelId, maxClaimableAmount: ceiling },
      signature: signature as Hex,
    })
  } catch {
    return undefined
  }
}

/**
 * Funds the channel on chain without the server (the payer sends the contract's `deposit` itself),
 * so the server has no record of it: what a server sees after losing its state.
 */
export async function depositOnChain(context: ServerContext, open: OpenBatch, amount: bigint): Promise<void> {
  const payment = await open.channel.deposit(amount, open.price, await context.devnet.now())
  const wire = (
    payment.payload as { deposit: { authorization: { erc3009Authorization: Record<string, string> } } }
  ).deposit.authorization.erc3009Authorization
  const authorization = {
    validAfter: BigInt(wire.validAfter as string),
    validBefore: BigInt(wire.validBefore as string),
    salt: BigInt(wire.salt as string),
    signature: wire.signature as Hex,
  }
  await sendAsPayer(
    context,
    open,
    depositCalldata(open.channel.channel.config, amount, authorization),
    `deposit of ${amount}`,
  )
}

/**
 * Claims `cumulative` of the channel on chain with the payer's voucher and a ClaimBatch signed by the
 * receiver authorizer, when that is a devnet account the suite holds (the built-in facilitator's
 * signer); skips otherwise.
 */
export async function claimOnChain(
  context: ServerContext,
  open: OpenBatch,
  cumulative: bigint,
): Promise<void> {
  const authorizerAddress = String(
    (open.offer.extra as Record<string, unknown>).receiverAuthorizer,
  ).toLowerCase()
  const authorizer = context.devnet.accounts.find(
    (account) => account.address.toLowerCase() === authorizerAddress,
  )
  if (!authorizer)
    skip(
      'the receiver authorizer is not a devnet account the suite can sign for (this case runs when extra.receiverAuthorizer is one of the devnet accounts, e.g. the facilitator key the harness hands a started server as X402_FACILITATOR_PRIVATE_KEY)',
    )
  const voucher = await signVoucher(open.channel.channel, cumulative)
  const rows = [
    {
      channel: open.channel.channel.config,
      maxClaimableAmount: cumulative,
      signature: voucher.signature,
      totalClaimed: cumulative,
    },
  ]
  const signature = await authorizer.account.signTypedData(
    claimBatchTypedData(rows, open.channel.channel.chainId),
  )
  await sendAsPayer(
    context,
    open,
    claimWithSignatureCalldata(rows, signature),
    `claim of ${cumulative} with the receiver authorizer's signature`,
  )
}

/** Sends `data` to the channel contract from the payer's account; a revert ends the case as an error. */
async function sendAsPayer(context: ServerContext, open: OpenBatch, data: Hex, what: string): Promise<void> {
  const hash = await context.devnet
    .walletClient(open.payer.account)
    .sendTransaction({ to: BATCH_SETTLEMENT_ADDRESS, data })
  const receipt = await waitForReceipt(context.devnet.publicClient, hash)
  context.note(`${what}, sent on chain by the suite as the payer (${hash}): ${receipt.status}`)
  if (receipt.status !== 'success') throw new Error(`the suite's own ${what} reverted (${hash})`)
}
