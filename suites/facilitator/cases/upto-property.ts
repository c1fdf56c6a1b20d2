/**
 * The upto money property (scheme_upto.md "Core Properties", scheme_upto_evm.md Phase 4): for any
 * sequence of settle requests under one authorization (charges below, at and above the maximum, and
 * zero), what the payer loses is exactly the sum of the charges answered as settled, that sum never
 * exceeds the signed maximum, payTo gains what the payer loses, and a charge above the maximum is never
 * a success. A zero settle moves nothing and leaves the authorization unused, so a later charge may
 * still settle; any other success uses it up.
 */
import fc from 'fast-check'
import { skip } from '../../../harness/model/expect.ts'
import { CheckFailure } from '../../../harness/model/verdict.ts'
import { describeAnswer } from '../api.ts'
import { facilitatorCase } from '../context.ts'
import { tokenChain, uptoDeal, uptoFacilitatorOf, watchDeal } from '../permit2.ts'
import { expectNoSignerRace } from '../signer-race.ts'
import { deltasOf, refs } from '../verdicts.ts'
import { checkProperty } from './properties.ts'

/** One run: the signed maximum and the charges the server asks for, in order. */
interface UptoRun {
  maximum: bigint
  charges: bigint[]
}

const runs: fc.Arbitrary<UptoRun> = fc.bigInt({ min: 1n, max: 50_000n }).chain((maximum) =>
  fc.record({
    maximum: fc.constant(maximum),
    charges: fc.array(
      fc.oneof(
        fc.constant(0n),
        fc.constant(maximum),
        fc.bigInt({ min: 1n, max: maximum }),
        fc.bigInt({ min: maximum + 1n, max: maximum * 2n + 1n }),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  }),
)

/** Each run signs, funds and approves a fresh payer: a few runs are all a case can afford. */
const RUNS = 6

export const uptoSettledSum = facilitatorCase({
  id: 'facilitator.upto.settled-sum',
  title:
    'Any sequence of upto settles under one authorization costs the payer the settled charges, at most the maximum',
  requirements: ['FA-24', 'FA-57'],
  tags: ['upto', 'chain', 'property', 'security'],
  timeoutMs: 120_000,
  async run(context) {
    // Decided once, before any run: a facilitator without the kind is skipped, not shrunk.
    if (uptoFacilitatorOf(context) === undefined)
      skip('the facilitator offers no upto kind with extra.facilitatorAddress in /supported')
    await checkProperty(
      context,
      runs,
      RUNS,
      async ({ maximum, charges }, tools) => {
        const deal = await uptoDeal(context, { amount: maximum })
        const chain = tokenChain(context)
        const watch = await watchDeal(chain, deal)
        let settled = 0n
        const seen: string[] = []
        for (const [index, charge] of charges.entries()) {
          const answer = await tools.facilitator.settle(
            deal.requestWith({ amount: charge.toString() }),
            `settle ${index + 1} (charge ${charge} of ${maximum})`,
          )
          expectNoSignerRace(answer)
          seen.push(`${charge}: ${describeAnswer(answer)}`)
          if (answer.body?.success !== true) continue
          if (charge > maximum)
            throw new CheckFailure(`an upto charge of ${charge} above the maximum ${maximum} was settled`, {
              expected: 'a refusal (invalid_upto_evm_payload_settlement_exceeds_amount)',
              seen: describeAnswer(answer),
              spec: refs('FA-24'),
            })
          settled += charge
        }
        const deltas = await deltasOf(watch)
        const lost = -(deltas.payer ?? 0n)
        if (lost !== settled || (deltas.payTo ?? 0n) !== settled || settled > maximum)
          throw new CheckFailure(
            'the payer did not lose exactly the charges answered as settled, within the maximum',
            {
              expected: `payer -${settled}, payTo +${settled} (≤ the maximum ${maximum})`,
              seen: `payer ${deltas.payer}, payTo ${deltas.payTo}; answers ${seen.join('; ')}`,
              spec: refs('FA-24', 'FA-57'),
            },
          )
      },
      ({ maximum, charges }) => ({ maximum: maximum.toString(), charges: charges.map(String) }),
    )
  },
})
