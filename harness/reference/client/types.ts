/**
 * The reference client's types shared by its steps (./steps.ts) and its batch-settlement payments
 * (./batch.ts): its own module so that neither of those needs to import the other for types.
 */
import type { Address, Hex } from 'viem'
import type { ChannelState } from '../../schemes/batch-settlement-evm/channel.ts'
import type { Authorization, Eip3009Domain } from '../../schemes/exact-evm/eip3009.ts'
import type { Permit2Authorization } from '../../schemes/exact-permit2-evm/permit2.ts'
import type {
  ExactEvmPayload,
  ExactEvmPermit2Payload,
  PaymentPayload,
  PaymentRequired,
  PaymentRequirements,
  PaymentRequirementsV2,
  X402Version,
} from '../../wire/types.ts'
import type { ClientConfig } from './config.ts'
import type { DomainChecker } from './domain.ts'

/** An HTTP response as the client read it. */
export interface ReceivedResponse {
  url: string
  status: number
  headers: Headers
  body: string
}

/** A challenge the client understood: its version, the message, and which `accepts` entries are well-formed. */
export interface Challenge {
  version: X402Version
  paymentRequired: PaymentRequired
  /** `usable[i]` is false when `accepts[i]` is malformed (it is then never paid). */
  usable: readonly boolean[]
}

/** The challenge, or why the client will not pay this 402 at all. */
export type ChallengeReading = { ok: true; challenge: Challenge } | { ok: false; reason: string }

/** What the steps may use besides their arguments. */
export interface StepContext {
  config: ClientConfig
  domains: DomainChecker
  steps: ClientSteps
  /** The payer's address (`authorization.from`). */
  payer: Address
  /**
   * The version of the challenge being paid (set by the pay loop once it read one). Amounts are read
   * in that version's field, never by which keys an offer happens to carry.
   */
  version?: X402Version
}

/** The client's decisions; `defaultSteps` is the correct client. */
export interface ClientSteps {
  /** Reads a 402: the PAYMENT-REQUIRED header (v2) or the JSON body (v1), strictly validated. */
  readChallenge(response: ReceivedResponse, context: StepContext): ChallengeReading
  /**
   * Where an offer's payment flow (core v2 §6.1 `extra.paymentFlow`, absent = `authorization`) ranks
   * when choosing: lower is preferred; undefined = a flow this client does not recognise (never paid).
   */
  flowRank(paymentFlow: unknown): number | undefined
  /** Picks the offer to pay, or none: one it supports, on its own chain and token, within its budget. */
  choose(challenge: Challenge, context: StepContext): Promise<PaymentRequirements | undefined>
  /** The EIP-712 domain to sign under: `extra.name`/`extra.version`, the network's chain id, `asset`. */
  domain(requirements: PaymentRequirements, context: StepContext): Eip3009Domain
  /** The authorization to sign for the chosen requirements at `now` (unix seconds). */
  authorize(requirements: PaymentRequirements, now: bigint, context: StepContext): Authorization
  /**
   * The Permit2 authorization to sign for a Permit2-based offer (exact with Permit2, upto) at `now`:
   * the scheme's proxy as spender, permitted = asset and amount (upto: the maximum), witness.to =
   * payTo, upto's witness.facilitator = extra.facilitatorAddress, deadline = now + maxTimeoutSeconds.
   */
  permit2Authorize(
    requirements: PaymentRequirementsV2,
    now: bigint,
    context: StepContext,
  ): Permit2Authorization
  /**
   * payment-identifier (extensions/payment_identifier.md): the id to send with this payment, or none.
   * The correct client sends a fresh one whenever the challenge offers the extension.
   */
  paymentId(challenge: Challenge): string | undefined
  /** The PaymentPayload carrying the signed authorization (and `paymentId` in the echoed extension). */
  payload(
    challenge: Challenge,
    requirements: PaymentRequirements,
    payment: ExactEvmPayload | ExactEvmPermit2Payload,
    paymentId?: string,
  ): PaymentPayload
  /**
   * payment-identifier: the payload to resend when the answer to the paid request was lost (the
   * connection failed), or undefined to give up. The correct client resends the identical payload,
   * same id, once, and only when it sent an id ("Recovering a Lost Response").
   */
  retryLost(payload: PaymentPayload, paymentId: string | undefined): PaymentPayload | undefined
  /** The header value: standard base64 of the JSON payload. */
  encode(payload: PaymentPayload): string
  /** The header that carries the payment in `version`. */
  header(version: X402Version): string
  /** Whether to pay again after the paid request got `response` (`payments` made so far). */
  payAgain(response: ReceivedResponse, payments: number): boolean
  /** Whether to follow a redirect of the paid request (it would carry the payment to `to`). */
  followPaidRedirect(from: URL, to: URL): boolean
  /** The settlement the paid response carries, decoded, if any. */
  readSettlement(response: ReceivedResponse, version: X402Version): unknown
  /** batch-settlement: the Steady State checks of a paid response (./batch.ts). */
  checkBatchReceipt(settlement: unknown, expected: ReceiptExpectation): BatchVerdict
  /** batch-settlement: whether to adopt a corrective 402's channel state (./batch.ts). */
  acceptCorrective(input: CorrectiveInput): Promise<BatchVerdict>
}

/** What the client expects a successful response to report. */
export interface ReceiptExpectation {
  channelId: Hex
  /** The offer's amount (the per-request ceiling). */
  amount: bigint
  /** `chargedCumulativeAmount` before this request. */
  previousCharged: bigint
  /** The balance the channel must have after this request (a deposit adds to it). */
  expectedBalance: bigint
}

/** A channel state the client accepts (from a response or a corrective 402), or why not. */
export type BatchVerdict =
  | { ok: true; chargedCumulativeAmount: bigint; balance: bigint }
  | { ok: false; reason: string }

/** A corrective 402 as the client judges it. */
export interface CorrectiveInput {
  /** The batch-settlement entry of the corrective 402's `accepts`. */
  accept: PaymentRequirements
  channelId: Hex
  /** The client's voucher signer (its payer authorizer). */
  signer: Address
  chainId: number
  /** The channel on chain, read just now. */
  onChain: ChannelState
}
