/**
 * Hostile servers around a well-formed offer: a 402 again after the client paid (same terms, then new
 * terms), a redirect of the paid request to another origin, a huge challenge header, an offer whose
 * EIP-712 domain is not the token's, and an amount above the client's declared budget. The client must
 * not pay twice, must not hand its signed payment to another origin, must not sign what cannot settle or
 * what it was told not to spend, and must end with a report.
 */
import { challengeReply, challengeThen, redirectReply } from '../../../harness/actors/paywall/index.ts'
import { check } from '../../../harness/model/expect.ts'
import type { PaymentRequired } from '../../../harness/wire/types.ts'
import { clientCase } from '../case.ts'
import {
  describeRun,
  expectAtMostOnePayment,
  expectCleanFailure,
  expectOfferedTerms,
  expectOnePayment,
  expectPaysAmount,
  expectPaysPayTo,
  expectRefused,
  paidRequests,
  refs,
} from '../verdicts/index.ts'

export const challengeAfterPayment = clientCase({
  id: 'client.hostile.challenge-after-payment',
  title: 'When the paid request gets the same 402 again, the client does not pay a second time',
  requirements: ['CL-18'],
  tags: ['hostile', 'loop'],
  async run(context) {
    const endpoint = context.endpoint(({ url }) =>
      challengeThen(challengeReply(context.challenge(url, [context.offer()]))),
    )
    const run = await context.pay(endpoint)
    check(paidRequests(run).length >= 1, 'the client did not pay the challenge at all', {
      expected: 'one payment, then a report of the failure',
      seen: describeRun(run),
      spec: refs('CL-1'),
      level: 'MUST',
    })
    expectAtMostOnePayment(run, 'after the server answered its payment with the same 402')
    expectCleanFailure(run)
  },
})

export const changedTerms = clientCase({
  id: 'client.hostile.changed-terms-after-payment',
  title:
    'When the paid request gets a 402 with new terms (ten times the amount, another payTo), the client pays nothing more',
  requirements: ['CL-18', 'CL-24'],
  level: 'SHOULD',
  tags: ['hostile', 'loop'],
  async run(context) {
    const first = context.offer()
    const raised = context.offer({ amount: 12_340n })
    const endpoint = context.endpoint(({ url }) =>
      challengeThen(challengeReply(context.challenge(url, [first])), () =>
        challengeReply({ ...context.challenge(url, [raised]), error: 'price changed' } as PaymentRequired),
      ),
    )
    const run = await context.pay(endpoint)
    const payment = expectOnePayment(run, context.version)
    const paid = expectOfferedTerms(payment, context.version, [first])
    expectPaysPayTo(payment, paid)
    expectAtMostOnePayment(run, 'on new terms after the server answered its payment with another 402')
    expectCleanFailure(run)
  },
})

export const crossOriginRedirect = clientCase({
  id: 'client.hostile.cross-origin-redirect',
  title: 'When the paid request is redirected to another origin, the signed payment does not follow it there',
  requirements: ['CL-39', 'CL-22', 'CL-18'],
  level: 'SHOULD',
  tags: ['hostile', 'redirect'],
  async run(context) {
    const offer = context.offer()
    const endpoint = context.endpoint(({ url, foreignUrl }) => {
      const challenge = challengeReply(context.challenge(url, [offer]))
      return (request, state) => {
        if (request.origin === 'foreign')
          return challengeReply(context.challenge(foreignUrl, [context.offer()]))
        return state.previous.length === 0 ? challenge : redirectReply(foreignUrl)
      }
    })
    const run = await context.pay(endpoint)
    const leaked = run.payments.filter((payment) => payment.request.origin === 'foreign')
    check(leaked.length === 0, 'the client sent its signed payment to another origin after a redirect', {
      expected: `no payment header at ${new URL(endpoint.foreignUrl).origin} (the payment is for ${new URL(endpoint.url).origin})`,
      seen: describeRun(run),
      spec: refs('CL-39'),
    })
    expectAtMostOnePayment(run, 'after a redirect to another origin')
    expectCleanFailure(run)
  },
})

/** Bytes of padding in the huge challenge: far above the 16 KiB header limit of common HTTP stacks. */
export const HUGE_CHALLENGE_BYTES = 256 * 1024

export const hugeChallenge = clientCase({
  id: 'client.hostile.huge-challenge',
  title: 'A 402 with a 256 KiB PAYMENT-REQUIRED header ends cleanly: refused, or paid once and faithfully',
  versions: [2],
  requirements: ['CL-18', 'CL-23'],
  tags: ['hostile', 'robustness'],
  async run(context) {
    const offer = context.offer()
    const endpoint = context.endpoint(({ url }) => {
      const message = {
        ...context.challenge(url, [offer]),
        error: 'x'.repeat(HUGE_CHALLENGE_BYTES),
      } as PaymentRequired
      return challengeThen(challengeReply(message), () => ({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }))
    })
    const run = await context.pay(endpoint)
    if (run.payments.length === 0) {
      expectCleanFailure(run)
      return
    }
    const payment = expectOnePayment(run, context.version)
    const paid = expectOfferedTerms(payment, context.version, [offer])
    expectPaysPayTo(payment, paid)
    expectPaysAmount(payment, paid, context.version)
  },
})

export const domainMismatch = clientCase({
  id: 'client.hostile.domain-mismatch',
  title:
    "An offer whose extra names an EIP-712 domain that is not the token's is not signed (it could never settle)",
  requirements: ['CL-40', 'CL-7'],
  level: 'SHOULD',
  tags: ['hostile', 'eip712', 'chain'],
  needs: ['chain'],
  async run(context) {
    const { name } = context.devnet.preset.eip712
    const wrong = {
      name: name === 'USD Coin' ? 'USDC' : 'USD Coin',
      version: context.devnet.preset.eip712.version,
    }
    // Settled like any payment: the evidence then shows the facilitator refusing what was signed.
    const { endpoint } = context.honest([context.offer({ extra: wrong })])
    const run = await context.pay(endpoint)
    expectRefused(run, `an offer naming the domain ${JSON.stringify(wrong)}, which is not the token's`, [
      'CL-40',
    ])
  },
})

export const overBudget = clientCase({
  id: 'client.hostile.over-budget',
  title: 'An amount one unit above the budget the client declares is not paid',
  requirements: ['CL-38'],
  tags: ['hostile', 'budget'],
  needs: ['client-budget'],
  async run(context) {
    const budget = context.budget!
    const { endpoint } = context.honest([context.offer({ amount: budget + 1n })], { settle: false })
    const run = await context.pay(endpoint)
    expectRefused(run, `${budget + 1n} atomic units, above its declared budget of ${budget}`, ['CL-38'])
  },
})

/** The hostile-server cases. */
export const hostileCases = [
  challengeAfterPayment,
  changedTerms,
  crossOriginRedirect,
  hugeChallenge,
  domainMismatch,
  overBudget,
] as const
