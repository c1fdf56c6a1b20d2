/**
 * Malformed challenges: a `PAYMENT-REQUIRED` that is not base64 or not JSON, a v1 body that is not JSON,
 * offers missing the fields a payment is made of or carrying them with the wrong type or an impossible
 * value, an unknown `x402Version`. The client cannot honour any of them: it must sign nothing, must
 * not loop, and must report the failure.
 */

import type { PaywallReply } from '../../../harness/actors/paywall/index.ts'
import {
  challengeReplyFor,
  challengeThen,
  rawBodyChallenge,
  rawHeaderChallenge,
} from '../../../harness/actors/paywall/index.ts'
import { amountField } from '../../../harness/schemes/exact-evm/payment.ts'
import { encodeBase64 } from '../../../harness/wire/index.ts'
import { clientCase } from '../case.ts'
import type { ClientCaseContext } from '../context.ts'
import { expectRefused } from '../verdicts/index.ts'

/** Runs the client against an endpoint answering `challenge` (to paid requests too) and judges its refusal. */
async function refuses(
  context: ClientCaseContext,
  challenge: (url: string) => PaywallReply,
  what: string,
  requirements: string[],
): Promise<void> {
  const endpoint = context.endpoint(({ url }) => challengeThen(challenge(url)))
  const run = await context.pay(endpoint)
  expectRefused(run, what, ['CL-37', ...requirements])
}

/** A well-formed challenge of the case's version for `url`, with its only offer's fields changed. */
function challengeWithOffer(
  context: ClientCaseContext,
  url: string,
  change: (offer: Record<string, unknown>) => void,
): unknown {
  const offer = { ...context.offer() } as Record<string, unknown>
  change(offer)
  return context.challenge(url, [offer as never])
}

/** `refuses` for a well-formed challenge whose only offer has been changed by `change`. */
function refusesOffer(
  context: ClientCaseContext,
  change: (offer: Record<string, unknown>) => void,
  what: string,
  requirements: string[],
): Promise<void> {
  return refuses(
    context,
    (url) => challengeReplyFor(context.version, challengeWithOffer(context, url, change)),
    what,
    requirements,
  )
}

/** An offer change that sets the amount field of the case's version to `value`. */
function setAmount(context: ClientCaseContext, value: unknown): (offer: Record<string, unknown>) => void {
  return (offer) => {
    offer[amountField(context.version)] = value
  }
}

export const notBase64 = clientCase({
  id: 'client.malformed.not-base64',
  title: 'A PAYMENT-REQUIRED header that is not base64 is not paid',
  versions: [2],
  requirements: ['CL-37', 'X-7', 'CL-20'],
  tags: ['hostile', 'malformed', 'encoding'],
  run: (context) =>
    refuses(
      context,
      () => rawHeaderChallenge('¡this is not base64! (x402-conformance)'),
      'a PAYMENT-REQUIRED header that is not base64',
      ['X-7', 'CL-20'],
    ),
})

export const notJson = clientCase({
  id: 'client.malformed.not-json',
  title: 'A challenge that is not JSON (v2: base64 of non-JSON; v1: a 402 body that is not JSON) is not paid',
  requirements: ['CL-37', 'X-7', 'CL-20', 'CL-21'],
  tags: ['hostile', 'malformed', 'encoding'],
  run: (context) => {
    const text = `{"x402Version": ${context.version}, "accepts": [ this is not JSON`
    return refuses(
      context,
      () =>
        context.version === 1
          ? rawBodyChallenge(text)
          : rawHeaderChallenge(encodeBase64(new TextEncoder().encode(text))),
      'a challenge that is not JSON',
      context.version === 1 ? ['CL-21'] : ['X-7', 'CL-20'],
    )
  },
})

/** One malformed offer: the challenge is well formed, its only offer carries one bad field. */
interface OfferDefect {
  name: string
  title: string
  /** The requirements the case cites (CL-37 first), and those the refusal is judged by besides CL-37. */
  requirements: string[]
  judgedBy: string[]
  level?: 'MUST' | 'SHOULD'
  tags?: string[]
  /** What the client is refusing, in words. */
  what: string
  change(context: ClientCaseContext): (offer: Record<string, unknown>) => void
}

const offerDefects: readonly OfferDefect[] = [
  {
    name: 'missing-pay-to',
    title: 'An offer without payTo is not paid',
    requirements: ['CL-37', 'CL-24', 'CL-6'],
    judgedBy: ['CL-24', 'CL-6'],
    what: 'an offer without payTo',
    change: () => (offer) => delete offer.payTo,
  },
  {
    name: 'missing-amount',
    title: 'An offer without an amount (v1 maxAmountRequired, v2 amount) is not paid',
    requirements: ['CL-37', 'CL-24', 'CL-30', 'X-11'],
    judgedBy: ['CL-24', 'CL-30'],
    what: 'an offer without an amount',
    change: (context) => (offer) => delete offer[amountField(context.version)],
  },
  {
    name: 'amount-as-number',
    title: 'An offer whose amount is a JSON number instead of a string is not paid',
    requirements: ['CL-37', 'X-11', 'CL-24'],
    judgedBy: ['X-11'],
    what: 'an offer whose amount is a number, not an atomic-amount string',
    change: (context) => setAmount(context, 1234),
  },
  {
    name: 'negative-amount',
    title: 'An offer with a negative amount is not paid',
    requirements: ['CL-37', 'X-11', 'CL-30'],
    judgedBy: ['X-11', 'CL-30'],
    what: 'an offer with a negative amount',
    change: (context) => setAmount(context, '-1234'),
  },
  {
    name: 'fractional-amount',
    title: 'An offer with a non-integer amount is not paid (nor rounded)',
    requirements: ['CL-37', 'X-11', 'CL-30'],
    judgedBy: ['X-11', 'CL-30'],
    what: 'an offer with a fractional amount of atomic units',
    change: (context) => setAmount(context, '1234.5'),
  },
  {
    name: 'zero-timeout',
    title: 'An offer with maxTimeoutSeconds 0 is not paid (no payment could be valid when it arrives)',
    // A SHOULD, graded by risk (CL-45): a zero-lifetime authorization can never move funds.
    requirements: ['CL-45', 'CL-37', 'CL-32'],
    judgedBy: ['CL-45'],
    level: 'SHOULD',
    tags: ['time'],
    what: 'an offer with maxTimeoutSeconds 0 (its authorization expires as it is signed)',
    change: () => (offer) => {
      offer.maxTimeoutSeconds = 0
    },
  },
]

/** One case per malformed offer. */
const offerDefectCases = offerDefects.map((defect) =>
  clientCase({
    id: `client.malformed.${defect.name}`,
    title: defect.title,
    versions: [1, 2],
    requirements: defect.requirements,
    level: defect.level,
    tags: ['hostile', 'malformed', ...(defect.tags ?? [])],
    run: (context) => refusesOffer(context, defect.change(context), defect.what, defect.judgedBy),
  }),
)

export const unknownVersion = clientCase({
  id: 'client.malformed.unknown-version',
  title: 'A challenge with an unknown x402Version (3) is not paid',
  requirements: ['CL-37', 'CL-35', 'CL-2', 'CL-3'],
  tags: ['hostile', 'malformed'],
  run: (context) =>
    refuses(
      context,
      (url) => {
        const challenge = context.challenge(url, [context.offer()]) as unknown as Record<string, unknown>
        return challengeReplyFor(context.version, { ...challenge, x402Version: 3 })
      },
      'a challenge of x402Version 3, a version it cannot know the rules of',
      ['CL-35'],
    ),
})

/** The malformed-challenge cases. */
export const malformedCases = [notBase64, notJson, ...offerDefectCases, unknownVersion] as const
