/**
 * Verdicts on the exact EVM authorization a client signed: the offered terms, payTo, amount, time window,
 * nonce and signature. Where the spec is silent the slack is documented here: the `*_SLACK_SECONDS` constants.
 */

import { isDeepStrictEqual } from 'node:util'
import { type Address, getAddress, type Hex, isAddressEqual } from 'viem'
import { matchOffered } from '../../../harness/actors/paywall/index.ts'
import { check, show } from '../../../harness/model/expect.ts'
import { CheckFailure } from '../../../harness/model/verdict.ts'
import {
  authorizationFromWire,
  authorizationTypedData,
  recoverAuthorizationSigner,
} from '../../../harness/schemes/exact-evm/eip3009.ts'
import { exactDomain, requiredAmount, typedDataEvidence } from '../../../harness/schemes/exact-evm/payment.ts'
import type {
  ExactEvmAuthorization,
  PaymentRequirements,
  PaymentRequirementsV2,
  X402Version,
} from '../../../harness/wire/types.ts'
import type { ClientCaseContext, ClientRun, ObservedPayment } from '../context.ts'
import { record, sentAuthorization } from '../observe.ts'
import { payloadJson } from './encoding.ts'
import { clip, refs, requirementLevel } from './run.ts'

/**
 * How far the client's `validAfter` may lie ahead of the suite's clock when the payment arrives. Client
 * and suite share the machine's clock, so this only absorbs rounding to whole seconds; a client on
 * another machine (a driver) may need its clock set right.
 */
export const VALID_AFTER_SLACK_SECONDS = 2

/**
 * How far `validBefore` may lie beyond `maxTimeoutSeconds` after the payment arrives (CL-32). The client
 * computes `now + maxTimeoutSeconds` before it sends, so an honest client is at or below the bound; the
 * slack absorbs whole-second rounding and a small clock difference. The spec sets no bound at all, so
 * exceeding it is a SHOULD.
 */
export const VALID_BEFORE_SLACK_SECONDS = 5

/** The reference facilitators refuse `validBefore < now + 6` ("3 blocks"), so a payment needs this much left. */
export const MIN_REMAINING_VALIDITY_SECONDS = 6

/**
 * The offer the payment pays: v2 its `accepted` must be a faithful copy of one offered entry (CL-23); v1
 * its scheme and network must be one offer's (CL-19; several offers on one network are told apart by
 * `payTo`).
 */
export function expectOfferedTerms(
  payment: ObservedPayment,
  version: X402Version,
  offers: readonly PaymentRequirements[],
): PaymentRequirements {
  const json = payloadJson(payment)
  if (version === 2) {
    const matched = matchOffered(2, json, offers)
    if (matched !== undefined) return matched
    throw new CheckFailure('accepted is not a copy of any offered requirement', {
      expected: `one of the offered entries, field for field: ${show(offers)}`,
      seen: `accepted: ${show(json.accepted)}${describeDifference(json.accepted, offers)}`,
      spec: refs('CL-23'),
    })
  }
  const candidates = offers.filter((offer) => offer.scheme === json.scheme && offer.network === json.network)
  if (candidates.length === 0) {
    throw new CheckFailure('the v1 payment names a scheme and network that were not offered', {
      expected: `one of ${show(offers.map((offer) => ({ scheme: offer.scheme, network: offer.network })))}`,
      seen: show({ scheme: json.scheme, network: json.network }),
      spec: refs('CL-19'),
    })
  }
  const to = sentAuthorization(json)?.to
  return candidates.find((offer) => typeof to === 'string' && sameAddress(offer.payTo, to)) ?? candidates[0]!
}

function describeDifference(accepted: unknown, offers: readonly PaymentRequirements[]): string {
  const sent = record(accepted)
  if (sent === undefined || offers.length === 0) return ''
  const closest = offers[0] as PaymentRequirementsV2
  const differing = Object.keys({ ...closest, ...sent }).filter(
    (key) => !isDeepStrictEqual((closest as unknown as Record<string, unknown>)[key], sent[key]),
  )
  return differing.length === 0 ? '' : ` (differs from the first offer in: ${differing.join(', ')})`
}

/** The authorization, parsed for judging; a malformed one fails with the schema's words. */
export function expectAuthorization(payment: ObservedPayment): ExactEvmAuthorization & { signature: string } {
  const sent = sentAuthorization(payment.json)
  if (sent === undefined) {
    throw new CheckFailure('the payment carries no EIP-3009 authorization', {
      expected: 'payload {signature, authorization {from, to, value, validAfter, validBefore, nonce}}',
      seen: clip(show(payment.json)),
      spec: refs('CL-5'),
    })
  }
  return sent as unknown as ExactEvmAuthorization & { signature: string }
}

/** `authorization.to` is the offer's `payTo` (CL-6; addresses compared case-insensitively). */
export function expectPaysPayTo(payment: ObservedPayment, offer: PaymentRequirements): void {
  const { to } = expectAuthorization(payment)
  check(typeof to === 'string' && sameAddress(to, offer.payTo), 'authorization.to is not the offered payTo', {
    expected: `to = ${offer.payTo}`,
    seen: `to = ${show(to)}`,
    spec: refs('CL-6'),
  })
}

/**
 * `authorization.value` is the offered amount exactly (CL-30). v1 allows paying more ("meets or exceeds"):
 * an overpayment there is a SHOULD, since it costs the payer and the reference clients pay exactly.
 */
export function expectPaysAmount(
  payment: ObservedPayment,
  offer: PaymentRequirements,
  version: X402Version,
): void {
  const { value } = expectAuthorization(payment)
  const amount = BigInt(requiredAmount(offer, version))
  const sent = typeof value === 'string' && /^[0-9]+$/.test(value) ? BigInt(value) : undefined
  const details = { expected: `value = ${amount}`, seen: `value = ${show(value)}`, spec: refs('CL-30') }
  check(sent !== undefined, 'authorization.value is not an amount', details)
  if (version === 1 && sent > amount) {
    throw new CheckFailure('the v1 authorization pays more than maxAmountRequired', {
      ...details,
      level: 'SHOULD',
    })
  }
  check(
    sent === amount,
    version === 1
      ? 'the v1 authorization pays less than maxAmountRequired'
      : 'authorization.value is not the offered amount',
    details,
  )
}

/**
 * The time window is open when the payment arrives: validAfter not in the future (CL-31, a MUST: the
 * server could settle it later), validBefore not passed (CL-45, a SHOULD: an expired one moves nothing). And validBefore leaves at least {@link MIN_REMAINING_VALIDITY_SECONDS} and at
 * most maxTimeoutSeconds (+ {@link VALID_BEFORE_SLACK_SECONDS}) (CL-32, a SHOULD).
 */
export function expectTimeWindow(payment: ObservedPayment, offer: PaymentRequirements): void {
  const { validAfter, validBefore } = expectAuthorization(payment)
  expectOpenWindow(payment, offer, {
    after: uint(validAfter, 'validAfter'),
    before: uint(validBefore, 'validBefore'),
    afterField: 'authorization.validAfter',
    beforeField: 'authorization.validBefore',
  })
}

/** A signed validity window and the payload fields that carry it, for the messages. */
export interface SignedWindow {
  after: bigint
  /** The last second it is valid in (validBefore, or a Permit2 deadline). */
  before: bigint
  afterField: string
  beforeField: string
}

/** The checks of {@link expectTimeWindow} on any signed window (EIP-3009 or Permit2). */
export function expectOpenWindow(
  payment: ObservedPayment,
  offer: Pick<PaymentRequirements, 'maxTimeoutSeconds'>,
  { after, before, afterField, beforeField }: SignedWindow,
): void {
  const now = BigInt(payment.receivedAt)
  const [afterName, beforeName] = [afterField, beforeField].map((field) => field.split('.').at(-1))
  const window = `${afterName} ${after}, ${beforeName} ${before}, received at ${now} (maxTimeoutSeconds ${offer.maxTimeoutSeconds})`
  check(after <= now + BigInt(VALID_AFTER_SLACK_SECONDS), `${afterField} is in the future`, {
    expected: `${afterName} <= now (+${VALID_AFTER_SLACK_SECONDS} s of rounding)`,
    seen: window,
    spec: refs('CL-31'),
  })
  // An expired authorization can never move funds: a SHOULD, graded by risk (CL-45).
  check(before > now, `${beforeField} has already passed when the payment arrives`, {
    expected: `${beforeName} > now`,
    seen: window,
    spec: refs('CL-45', 'CL-31'),
    level: requirementLevel('CL-45'),
  })
  const level = requirementLevel('CL-32')
  check(
    before >= now + BigInt(MIN_REMAINING_VALIDITY_SECONDS),
    `${beforeField} leaves too little time to settle`,
    {
      expected: `${beforeName} >= now + ${MIN_REMAINING_VALIDITY_SECONDS} (reference facilitators refuse less)`,
      seen: window,
      spec: refs('CL-32'),
      level,
    },
  )
  const bound = now + BigInt(offer.maxTimeoutSeconds) + BigInt(VALID_BEFORE_SLACK_SECONDS)
  check(before <= bound, `${beforeField} lies beyond maxTimeoutSeconds`, {
    expected: `${beforeName} <= now + maxTimeoutSeconds (+${VALID_BEFORE_SLACK_SECONDS} s of slack) = ${bound}`,
    seen: window,
    spec: refs('CL-32'),
    level,
  })
}

/** `authorization.nonce` is a 0x-prefixed 32-byte hex string (CL-5). */
export function expectNonceFormat(nonce: unknown): asserts nonce is string {
  check(
    typeof nonce === 'string' && /^0x[0-9a-fA-F]{64}$/.test(nonce),
    'authorization.nonce is not 32 bytes of hex',
    {
      expected: 'a 0x-prefixed 32-byte hex string',
      seen: show(nonce),
      spec: refs('CL-5'),
    },
  )
}

/**
 * The nonce is 32 bytes of hex (CL-5), was not used in any other payment of this worker (CL-33: the
 * version probes and every other case count), and is not already used on chain.
 */
export async function expectFreshNonce(
  context: Pick<ClientCaseContext, 'nonceSeenElsewhere' | 'chain'>,
  run: ClientRun,
  payment: ObservedPayment,
): Promise<void> {
  const { from, nonce } = expectAuthorization(payment)
  expectNonceFormat(nonce)
  const elsewhere = context.nonceSeenElsewhere(run).get(nonce.toLowerCase())
  check(elsewhere === undefined, 'the client reused a nonce from another payment', {
    expected:
      'a fresh random 32-byte nonce for every payment (a repeat, even by another payer, is not random)',
    seen: `nonce ${nonce} was also sent in: ${elsewhere}`,
    spec: refs('CL-33'),
  })
  if (typeof from === 'string' && /^0x[0-9a-fA-F]{40}$/.test(from)) {
    // The nonce state now includes this payment's own settlement; what matters is the state before it.
    const settled = payment.request.settlement?.response?.success === true
    if (!settled) {
      const used = await context.chain.authorizationUsed(from, nonce)
      check(!used, 'the nonce is already used on chain', {
        expected: 'a nonce the token has never seen for this payer',
        seen: `authorizationState(${from}, ${nonce}) = true`,
        spec: refs('CL-33'),
      })
    }
  }
}

/**
 * The signature recovers to `authorization.from` under the offer's domain: `extra.name`,
 * `extra.version`, the chain id of the offered network and the offered `asset` (CL-7), and is the
 * 65-byte form an EOA makes (CL-28). Records the typed data as evidence.
 */
export async function expectSignatureRecovers(
  context: Pick<ClientCaseContext, 'evidence'>,
  payment: ObservedPayment,
  offer: PaymentRequirements,
): Promise<Address> {
  const sent = expectAuthorization(payment)
  const domain = exactDomain(offer)
  let authorization: ReturnType<typeof authorizationFromWire>
  try {
    authorization = authorizationFromWire(sent)
  } catch (error) {
    throw new CheckFailure('the authorization cannot be read as EIP-3009 typed data', {
      expected: 'addresses, decimal uint256 strings and a 32-byte nonce',
      seen: error instanceof Error ? error.message : String(error),
      spec: refs('CL-5'),
    })
  }
  const typedData = authorizationTypedData(domain, authorization)
  const signature = sent.signature
  check(
    typeof signature === 'string' && /^0x[0-9a-fA-F]{130}$/.test(signature),
    'the signature is not a 65-byte ECDSA signature',
    {
      expected: '0x followed by 130 hex digits',
      seen: show(signature),
      spec: refs('CL-28'),
    },
  )
  let signer: Address
  try {
    signer = await recoverAuthorizationSigner(typedData, signature as Hex)
  } catch (error) {
    throw new CheckFailure('the signature cannot be recovered', {
      expected: `an EIP-712 signature by ${authorization.from}`,
      seen: error instanceof Error ? error.message.split('\n')[0] : String(error),
      spec: refs('CL-7'),
    })
  }
  context.evidence.add(
    typedDataEvidence(
      typedData,
      signer,
      signature,
      "the authorization the client signed, under the offer's domain",
    ),
  )
  check(
    isAddressEqual(signer, authorization.from),
    'the signature does not recover to authorization.from under the offered domain',
    {
      expected: `signer ${authorization.from} under domain ${show(domain)}`,
      seen: `signer ${signer} (signed under another domain, chain or token, or by another key)`,
      spec: refs('CL-7'),
    },
  )
  return signer
}

function uint(value: unknown, field: string): bigint {
  if (typeof value === 'string' && /^[0-9]+$/.test(value)) return BigInt(value)
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value)
  throw new CheckFailure(`authorization.${field} is not an unsigned integer`, {
    expected: 'a decimal integer string',
    seen: show(value),
    spec: refs('CL-5'),
  })
}

function sameAddress(a: string, b: string): boolean {
  try {
    return getAddress(a.toLowerCase()) === getAddress(b.toLowerCase())
  } catch {
    return false
  }
}
