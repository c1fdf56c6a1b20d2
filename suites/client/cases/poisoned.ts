/**
 * Offers whose `extra` carries more than the EIP-712 name and version: keys that name another chain,
 * token or domain, and keys that name another amount or recipient. None of them may change what the
 * client signs (CL-43, CL-44): the signature verifies under the network's chain id and the offer's
 * asset, value is the offer's amount and `to` its payTo. Refusing such an offer signs nothing and is
 * recorded (`info`): the spec does not say a client must pay an offer with unknown `extra` keys.
 */
import { type Address, getAddress } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { check, info } from '../../../harness/model/expect.ts'
import { requiredAmount } from '../../../harness/schemes/exact-evm/payment.ts'
import { clientCase } from '../case.ts'
import type { ClientRun } from '../context.ts'
import { DEFAULT_AMOUNT } from '../offers.ts'
import {
  describeRun,
  expectAuthorization,
  expectCleanFailure,
  expectOfferedTerms,
  expectOnePayment,
  expectPaysAmount,
  expectPaysPayTo,
  expectSignatureRecovers,
  refs,
} from '../verdicts/index.ts'

/** Another token address (Ethereum mainnet USDC): valid somewhere, not here. */
const OTHER_TOKEN: Address = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'

/** Records a refusal (nothing signed) as behaviour the spec leaves open; a payment returns. */
function paidOrRecorded(run: ClientRun, offer: string) {
  if (run.payments.length > 0) return
  expectCleanFailure(run)
  info(`the client refused ${offer} and signed nothing (${describeRun(run)})`)
}

export const domainFromExtra = clientCase({
  id: 'client.hostile.domain-from-extra',
  title:
    "An offer whose extra also names another chainId, verifyingContract and domain is signed under the network's chain id and the offer's asset (or not at all)",
  requirements: ['CL-43', 'CL-7'],
  tags: ['hostile', 'eip712'],
  async run(context) {
    const { eip712, chainId } = context.devnet.preset
    const elsewhere = { ...eip712, chainId: chainId + 1, verifyingContract: OTHER_TOKEN }
    const offer = context.offer({ extra: { ...eip712, ...elsewhere, domain: elsewhere } })
    const { endpoint } = context.honest([offer], { settle: false })
    const run = await context.pay(endpoint)
    paidOrRecorded(run, `an offer whose extra names the domain ${JSON.stringify(elsewhere)}`)
    const payment = expectOnePayment(run, context.version)
    const paid = expectOfferedTerms(payment, context.version, [offer])
    // Recovers under exactly the network's chain id and the asset: a signature for another domain fails here.
    await expectSignatureRecovers(context, payment, paid)
  },
})

export const poisonedExtraTerms = clientCase({
  id: 'client.hostile.poisoned-extra-terms',
  title:
    'An offer whose extra also carries a larger amount and another recipient (srcAmountRequired, amount, recipient, payTo) is paid for its own amount to its own payTo (or not at all)',
  requirements: ['CL-44', 'CL-30', 'CL-6', 'CL-38'],
  tags: ['hostile', 'budget'],
  async run(context) {
    const { eip712 } = context.devnet.preset
    // Above any declared budget too, so a client that signs it also breaks its own limit.
    const budget = context.budget
    const larger =
      budget !== undefined && budget + 1n > 10n * DEFAULT_AMOUNT ? budget + 1n : 10n * DEFAULT_AMOUNT
    const stranger = getAddress(privateKeyToAccount(generatePrivateKey()).address)
    const poisoned = {
      srcAmountRequired: `${larger}`,
      amount: `${larger}`,
      maxAmountRequired: `${larger}`,
      recipient: stranger,
      payTo: stranger,
    }
    const offer = context.offer({ extra: { ...eip712, ...poisoned } })
    const { endpoint } = context.honest([offer], { settle: false })
    const run = await context.pay(endpoint)
    paidOrRecorded(run, `an offer whose extra carries ${JSON.stringify(poisoned)}`)
    const payment = expectOnePayment(run, context.version)
    const paid = expectOfferedTerms(payment, context.version, [offer])
    const { value } = expectAuthorization(payment)
    if (context.budget !== undefined)
      check(
        !(typeof value === 'string' && /^[0-9]+$/.test(value) && BigInt(value) > context.budget),
        "the client signed more than its declared budget, taking the amount from extra's other keys",
        {
          expected: `value ≤ budget ${context.budget} (the offer asks ${requiredAmount(paid, context.version)})`,
          seen: `value = ${value}`,
          spec: refs('CL-38', 'CL-44'),
        },
      )
    expectPaysAmount(payment, paid, context.version)
    expectPaysPayTo(payment, paid)
  },
})

/** The poisoned-extra cases. */
export const poisonedCases = [domainFromExtra, poisonedExtraTerms] as const
