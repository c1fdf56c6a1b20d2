/**
 * What the facilitator suite's Permit2 cases share (exact with Permit2, and upto; x402 v2): the suite
 * plays a resource server pricing the devnet's plain ERC-20 (no EIP-3009, so Permit2 is the only way to
 * pay it), fresh payers that approved Permit2, payments built by harness/schemes, the chain oracle over
 * that token, and the skips: a facilitator whose /supported lists no v2 exact (or upto) kind for the
 * devnet's network, or that refuses an honest Permit2 payment as unsupported, does not offer the kind.
 */
import type { Address } from 'viem'
import { PLAIN_TOKEN_ADDRESS, permit2Payer } from '../../harness/devnet/permit2.ts'
import type { DevnetAccount } from '../../harness/devnet/types.ts'
import { check, show, skip } from '../../harness/model/expect.ts'
import type { SpecRef } from '../../harness/model/result.ts'
import {
  type BalanceSnapshot,
  type ChainOracle,
  checkExactlyOneTransfer,
  checkTransactionSucceeded,
  createChainOracle,
} from '../../harness/oracle/index.ts'
import {
  type AuthorizationOverrides,
  buildExactPermit2Payment,
  type ExactPermit2Witness,
  type Permit2Payment,
  type Permit2PaymentOptions,
} from '../../harness/schemes/exact-permit2-evm/index.ts'
import { buildUptoPayment, type UptoWitness } from '../../harness/schemes/upto-evm/index.ts'
import type { FacilitatorRequest, PaymentRequirementsV2 } from '../../harness/wire/types.ts'
import { describeAnswer, isRecord } from './api.ts'
import type { FacilitatorCaseContext } from './context.ts'
import { freshAddress } from './payments.ts'
import { supportedKindOf } from './supported-kind.ts'
import { deltasOf, refs } from './verdicts.ts'

/** Codes with which a facilitator says it does not take this kind of payment at all. */
const UNSUPPORTED = new Set([
  'unsupported_scheme',
  'invalid_scheme',
  'unsupported_payload_type',
  'invalid_payload',
  'invalid_payment_requirements',
  'invalid_exact_evm_payload',
])

/** One Permit2 payment as sent. */
export interface Permit2Deal {
  payer: DevnetAccount
  payTo: Address
  requirements: PaymentRequirementsV2
  payment: Permit2Payment
  request: FacilitatorRequest
  /** The same payment with other requirements (upto's settle-time amount). */
  requestWith(requirements: Partial<PaymentRequirementsV2>): FacilitatorRequest
}

/** The oracle over the plain token, with the case's evidence. */
export function tokenChain(context: FacilitatorCaseContext): ChainOracle {
  return createChainOracle({
    publicClient: context.devnet.publicClient,
    token: PLAIN_TOKEN_ADDRESS,
    evidence: context.evidence,
  })
}

/** The facilitator address of the v2 upto kind on this devnet; skips when /supported lists none. */
export function uptoFacilitatorOf(context: FacilitatorCaseContext): Address | undefined {
  const network = context.devnet.preset.network
  const kind = supportedKindOf(context, 'upto')
  if (kind === undefined) skip(`/supported lists no v2 upto kind for ${network}`)
  const address = isRecord(kind.extra) ? kind.extra.facilitatorAddress : undefined
  return typeof address === 'string' && /^0x[0-9a-fA-F]{40}$/.test(address) ? (address as Address) : undefined
}

/** Options of {@link permit2Deal}. */
export interface DealOptions<W extends ExactPermit2Witness | UptoWitness> {
  amount?: bigint
  /** Whether the payer approved Permit2. Default true. */
  approve?: boolean
  authorization?: AuthorizationOverrides<W>
}

/** An exact-with-Permit2 payment of a fresh payer to a fresh payTo. */
export function exactPermit2Deal(
  context: FacilitatorCaseContext,
  options: DealOptions<ExactPermit2Witness> = {},
): Promise<Permit2Deal> {
  const requirements = offer(context, 'exact', options.amount ?? 1_000n, {})
  return signedDeal(context, requirements, options, buildExactPermit2Payment)
}

/** An upto payment (maximum `amount`) of a fresh payer, bound to the facilitator /supported names. */
export function uptoDeal(
  context: FacilitatorCaseContext,
  options: DealOptions<UptoWitness> = {},
): Promise<Permit2Deal> {
  const facilitator = uptoFacilitatorOf(context)
  if (facilitator === undefined) skip('the upto kind in /supported names no extra.facilitatorAddress')
  const requirements = offer(context, 'upto', options.amount ?? 20_000n, { facilitatorAddress: facilitator })
  return signedDeal(context, requirements, options, buildUptoPayment)
}

/** A fresh payer (who approved Permit2 unless `options` say not) signs `requirements` with `build`. */
async function signedDeal<W extends ExactPermit2Witness | UptoWitness>(
  context: FacilitatorCaseContext,
  requirements: PaymentRequirementsV2,
  options: DealOptions<W>,
  build: (options: Permit2PaymentOptions<W>) => Promise<Permit2Payment>,
): Promise<Permit2Deal> {
  const payer = await permit2Payer(context.devnet, { approve: options.approve ?? true })
  const payment = await build({
    requirements,
    payer: payer.account,
    now: await context.devnet.now(),
    ...(options.authorization ? { authorization: options.authorization } : {}),
  })
  return deal(payer, requirements, payment)
}

/** The deal's payer and payTo balances from now on. */
export function watchDeal(
  chain: ChainOracle,
  deal: Pick<Permit2Deal, 'payer' | 'payTo'>,
): Promise<BalanceSnapshot> {
  return chain.snapshot({ payer: deal.payer.address, payTo: deal.payTo })
}

function offer(
  context: FacilitatorCaseContext,
  scheme: 'exact' | 'upto',
  amount: bigint,
  extra: Record<string, unknown>,
): PaymentRequirementsV2 {
  return {
    scheme,
    network: context.devnet.preset.network,
    amount: amount.toString(),
    asset: PLAIN_TOKEN_ADDRESS,
    payTo: freshAddress(),
    maxTimeoutSeconds: 300,
    extra: { assetTransferMethod: 'permit2', ...extra },
  }
}

function deal(
  payer: DevnetAccount,
  requirements: PaymentRequirementsV2,
  payment: Permit2Payment,
): Permit2Deal {
  const requestWith = (changes: Partial<PaymentRequirementsV2>): FacilitatorRequest => ({
    x402Version: 2,
    paymentPayload: payment.payload,
    paymentRequirements: { ...requirements, ...changes },
  })
  return {
    payer,
    payTo: requirements.payTo as Address,
    requirements,
    payment,
    request: requestWith({}),
    requestWith,
  }
}

/**
 * Skips the case when the facilitator does not take exact payments with Permit2: no v2 exact kind for
 * the network, or an honest Permit2 payment refused with an "unsupported" code. Any other refusal of
 * the honest payment fails (a facilitator that takes Permit2 must verify it).
 */
export async function requireExactPermit2(context: FacilitatorCaseContext): Promise<void> {
  if (supportedKindOf(context, 'exact') === undefined)
    skip(`/supported lists no v2 exact kind for ${context.devnet.preset.network}`)
  const honest = await exactPermit2Deal(context)
  const answer = await context.facilitator.verify(honest.request, 'verify (honest Permit2 probe)')
  const reason = answer.body?.invalidReason
  if (answer.body?.isValid === false && typeof reason === 'string' && UNSUPPORTED.has(reason))
    skip(`the facilitator does not take exact payments with Permit2: an honest one was answered ${reason}`)
  check(answer.body?.isValid === true, '/verify refused an honest exact payment with Permit2', {
    expected: 'isValid: true',
    seen: describeAnswer(answer),
    spec: refs('FA-17'),
  })
}

/** The SettleResponse's `amount` is the charge (upto). */
export function expectChargedAmount(body: Record<string, unknown>, charge: bigint): void {
  check(body.amount === charge.toString(), 'the upto SettleResponse does not carry the charged amount', {
    expected: `amount: "${charge}"`,
    seen: show(body),
    spec: refs('FA-24'),
  })
}

/**
 * A Permit2 settlement's transaction succeeded and moved exactly `value` (`what`, in messages: the
 * signed amount or upto's charge) from the payer to payTo, once, and the balances moved by that.
 */
export async function expectMovedOnce(
  chain: ChainOracle,
  transaction: unknown,
  deal: Pick<Permit2Deal, 'payer' | 'payTo'>,
  watch: BalanceSnapshot,
  expected: { value: bigint; what: string; spec: SpecRef[] },
): Promise<void> {
  const { value, what, spec } = expected
  const mined = await chain.transaction(String(transaction), 'settlement')
  checkTransactionSucceeded(mined, { spec })
  checkExactlyOneTransfer(
    mined.transfers,
    { from: deal.payer.address, to: deal.payTo, value },
    { message: `the settlement does not move exactly ${what} to payTo`, spec },
  )
  const deltas = await deltasOf(watch)
  check(deltas.payer === -value && deltas.payTo === value, `the balances did not move by exactly ${what}`, {
    expected: `payer -${value}, payTo +${value}`,
    seen: `payer ${deltas.payer}, payTo ${deltas.payTo}`,
    spec,
  })
}
