/**
 * Choice among offers: a challenge with several `accepts` entries, some in schemes or on networks the
 * client cannot pay. It pays exactly one offered entry it supports, faithfully, or nothing at all.
 */
import type { Address } from 'viem'
import { check, checkEqual, show } from '../../../harness/model/expect.ts'
import { CheckFailure } from '../../../harness/model/verdict.ts'
import type { PaymentRequirements } from '../../../harness/wire/types.ts'
import { clientCase } from '../case.ts'
import type { ClientCaseContext } from '../context.ts'
import {
  describeRun,
  expectOfferedTerms,
  expectOnePayment,
  expectPaysAmount,
  expectPaysPayTo,
  expectRefused,
  expectSignatureRecovers,
  refs,
} from '../verdicts/index.ts'

/** A scheme no client implements. */
export const UNKNOWN_SCHEME = 'x402-conformance-unknown'

/** Ethereum mainnet's USDC, for an offer on a chain other than the devnet's (x402-digest §2.3). */
const MAINNET_USDC: Address = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'

/** Offers no client can pay: an unknown scheme on the devnet, and `exact` on a network in no known namespace. */
function unsupportedOffers(context: ClientCaseContext): PaymentRequirements[] {
  return [
    context.offer({ scheme: UNKNOWN_SCHEME, amount: 555n, extra: null }),
    context.offer({
      network: context.version === 1 ? 'x402-conformance-testnet' : 'x402test:1',
      amount: 777n,
      asset: '0x000000000000000000000000000000000000c0de',
    }),
  ]
}

export const skipsUnsupported = clientCase({
  id: 'client.choice.skips-unsupported',
  title:
    'Given offers in an unknown scheme and on an unknown network before a supported one, the client pays the supported one',
  requirements: ['CL-24', 'CL-23', 'CL-19', 'CL-6', 'CL-30'],
  tags: ['choice'],
  async run(context) {
    const supported = context.offer()
    const offers = [...unsupportedOffers(context), supported]
    const { endpoint } = context.honest(offers, { settle: false })
    const run = await context.pay(endpoint)
    const payment = expectOnePayment(run, context.version)
    const paid = expectOfferedTerms(payment, context.version, offers)
    checkEqual(paid, supported, 'the client did not pay the one offer it supports', { spec: refs('CL-24') })
    expectPaysPayTo(payment, supported)
    expectPaysAmount(payment, supported, context.version)
    await expectSignatureRecovers(context, payment, supported)
  },
})

export const noneSupported = clientCase({
  id: 'client.choice.none-supported',
  title:
    'Given only offers it cannot pay (unknown scheme, unknown network), the client pays nothing and reports failure',
  requirements: ['CL-24'],
  tags: ['choice'],
  async run(context) {
    const { endpoint } = context.honest(unsupportedOffers(context), { settle: false })
    const run = await context.pay(endpoint)
    expectRefused(run, 'a challenge none of whose offers it supports', ['CL-24'])
  },
})

export const otherChain = clientCase({
  id: 'client.choice.other-chain',
  title:
    'Given an offer on another chain first and one on its own chain, the client pays an offer faithfully, preferably on its own chain',
  requirements: ['CL-24', 'CL-23', 'CL-19', 'CL-7'],
  tags: ['choice'],
  async run(context) {
    const elsewhere = context.offer({
      network: context.version === 1 ? 'ethereum' : 'eip155:1',
      asset: MAINNET_USDC,
      amount: 4_321n,
      extra: { name: 'USD Coin', version: '2' },
    })
    const own = context.offer()
    const { endpoint } = context.honest([elsewhere, own], { settle: false })
    const run = await context.pay(endpoint)
    const paidRequests = new Set(run.payments.map((payment) => payment.request))
    if (paidRequests.size === 0) {
      throw new CheckFailure('the client paid neither offer, though one is on its own chain and token', {
        expected: `a payment of ${show(own)}`,
        seen: describeRun(run),
        spec: refs('CL-24'),
      })
    }
    const payment = expectOnePayment(run, context.version)
    const paid = expectOfferedTerms(payment, context.version, [elsewhere, own])
    // Whatever it chose, what it signed must be exactly that offer (to, value, the offer's domain).
    expectPaysPayTo(payment, paid)
    expectPaysAmount(payment, paid, context.version)
    await expectSignatureRecovers(context, payment, paid)
    if (context.target.kind === 'driver') return // a driver's chain is its own business
    check(paid === own, 'the client paid on a chain other than the one it is configured for', {
      expected: `the offer on ${own.network} (the chain its key is funded on)`,
      seen: `a payment on ${paid.network}: a signature valid on another chain, for funds it was not given`,
      spec: refs('CL-24'),
      level: 'SHOULD',
    })
  },
})

/** The choice cases. */
export const choiceCases = [skipsUnsupported, noneSupported, otherChain] as const
