/**
 * POST /settle (spec §7.2, §6.1.3, scheme_exact_evm Phase 3): a valid payment moves exactly `value`
 * from `from` to `payTo` in one transaction the facilitator pays for; an invalid one moves nothing and
 * answers success false; one authorization moves money once however often and however concurrently it
 * is settled; an authorization that expires between verify and settle is refused.
 */
import { isAddressEqual } from 'viem'
import { check, checkEqual, info, show } from '../../../harness/model/expect.ts'
import { CheckFailure } from '../../../harness/model/verdict.ts'
import { acceptedReasons } from '../../catalog/index.ts'
import { describeAnswer } from '../api.ts'
import { facilitatorCase } from '../context.ts'
import { defectNamed } from '../defects.ts'
import type { Deal } from '../payments.ts'
import { CONCURRENT_PAYERS_CASE, expectNoSignerRace, signerNonceConflict } from '../signer-race.ts'
import { deltasOf, expectNotSettled, expectSettled, expectVerifyValid, must, refs } from '../verdicts.ts'

/** A valid payment, verified then settled, moves exactly what was signed; the facilitator pays the gas. */
export const settleValid = facilitatorCase({
  id: 'facilitator.settle.valid',
  title: 'A verified payment settles in one successful transaction moving exactly value from payer to payTo',
  requirements: ['FA-4', 'FA-14', 'FA-15', 'FA-45', 'FA-52', 'FA-53'],
  tags: ['chain'],
  async run({ payments, facilitator, chain, devnet }) {
    const deal = await payments.deal()
    expectVerifyValid(await facilitator.verify(deal.request), deal, ['FA-37'])
    const watch = await chain.snapshot({ payer: deal.from, payTo: deal.payTo })
    const gasBefore = await devnet.publicClient.getBalance({ address: deal.from })
    const mined = await expectSettled(await facilitator.settle(deal.request), deal, watch, chain)
    check(
      mined.from !== undefined && !isAddressEqual(mined.from, deal.from),
      'the settlement transaction was sent by the payer',
      {
        expected: 'a transaction sent by the facilitator',
        seen: mined.from,
        spec: refs('FA-52'),
      },
    )
    checkEqual(
      await devnet.publicClient.getBalance({ address: deal.from }),
      gasBefore,
      "the payer's native balance changed (it paid gas)",
      {
        spec: refs('FA-52'),
      },
    )
  },
})

/** /settle without a prior /verify: settling is conformant, refusing is recorded (the spec is silent). */
export const settleWithoutVerify = facilitatorCase({
  id: 'facilitator.settle.without-verify',
  title: 'A valid payment settled without a prior /verify is settled (or the refusal is recorded)',
  requirements: ['FA-44', 'FA-14'],
  level: 'MAY',
  tags: ['chain'],
  async run({ payments, facilitator, chain }) {
    const deal = await payments.deal()
    const watch = await chain.snapshot({ payer: deal.from, payTo: deal.payTo })
    const answer = await facilitator.settle(deal.request)
    if (answer.body?.success === true) {
      await must(() => expectSettled(answer, deal, watch, chain))
      return
    }
    const deltas = await deltasOf(watch)
    if (deltas.payer !== 0n || deltas.payTo !== 0n) {
      throw new CheckFailure('/settle moved funds but did not report success', {
        expected: 'success true with the transaction, or no movement',
        seen: `${describeAnswer(answer)}; payer ${deltas.payer}, payTo ${deltas.payTo}`,
        spec: refs('FA-45'),
        level: 'MUST',
      })
    }
    // A collision of its own transactions is no refusal (signer-race.ts).
    expectNoSignerRace(answer)
    info(`refused to settle a payment it had not verified: ${describeAnswer(answer)}`)
  },
})

/** Settling the same payment twice moves money once; the second answer is never success. */
export const settleReplay = facilitatorCase({
  id: 'facilitator.settle.replay',
  title: 'Settling the same payment twice moves money once, and the second /settle is not a success',
  requirements: ['FA-13', 'FA-16'],
  tags: ['chain', 'security'],
  async run({ payments, facilitator, chain, version }) {
    const deal = await payments.deal()
    const first = await chain.snapshot({ payer: deal.from, payTo: deal.payTo })
    await expectSettled(await facilitator.settle(deal.request, 'settle (first)'), deal, first, chain)
    const second = await chain.snapshot({ payer: deal.from, payTo: deal.payTo })
    await expectNotSettled(
      await facilitator.settle(deal.request, 'settle (replay)'),
      second,
      replayRefusal,
      version,
      chain,
    )
  },
})

const replayRefusal = {
  reasons: [...acceptedReasons.nonceUsed, ...acceptedReasons.settlementFailed],
  requirements: ['FA-13', 'FA-16'],
  defect: 'a payment that was already settled',
}

/** N concurrent settles of one payment: one success, one transfer. */
export const settleConcurrent = facilitatorCase({
  id: 'facilitator.settle.concurrent',
  title: 'Five concurrent /settle calls of one payment move money once and report exactly one success',
  requirements: ['FA-13', 'FA-16'],
  tags: ['chain', 'security'],
  async run({ payments, facilitator, chain }) {
    const deal = await payments.deal()
    const watch = await chain.snapshot({ payer: deal.from, payTo: deal.payTo })
    const answers = await Promise.all(
      Array.from({ length: CONCURRENT_SETTLES }, (_, i) =>
        facilitator.settle(deal.request, `settle (concurrent ${i + 1})`),
      ),
    )
    const deltas = await deltasOf(watch)
    const value = deal.authorization.value
    check(
      deltas.payer === -value && deltas.payTo === value,
      'concurrent settles did not move exactly one payment',
      {
        expected: `payer -${value}, payTo +${value}`,
        seen: `payer ${deltas.payer}, payTo ${deltas.payTo}`,
        spec: refs('FA-13', 'FA-15'),
      },
    )
    const successes = answers.filter((answer) => answer.body?.success === true)
    check(successes.length === 1, 'concurrent settles of one payment did not report exactly one success', {
      expected: 'one success: true, every other answer not a success',
      seen: answers.map((answer) => show(answer.body?.success ?? `HTTP ${answer.status}`)).join(', '),
      spec: refs('FA-13', 'FA-16'),
    })
    const mined = await chain.transaction(successes[0]!.body!.transaction as `0x${string}`, 'settlement')
    check(mined.status === 'success', 'the one successful settle names no successful transaction', {
      expected: 'a mined, successful transaction',
      seen: show(successes[0]!.body),
      spec: refs('FA-45'),
    })
  },
})

const CONCURRENT_SETTLES = 5

/** Payers whose settles are sent at once: enough to overlap on any facilitator that does not order its sends. */
const CONCURRENT_PAYERS = 4

/**
 * Settles of different payers sent at once all settle: the facilitator orders its signer's
 * transactions (nonce management). Each payment is verified first, so a facilitator that refuses
 * settle-without-verify (FA-44) is judged too.
 */
export const settleConcurrentPayers = facilitatorCase({
  id: CONCURRENT_PAYERS_CASE,
  title: `${CONCURRENT_PAYERS} valid payments of different payers settled at once all settle, each in its own successful transaction`,
  versions: [1, 2],
  requirements: ['FA-56', 'FA-14'],
  tags: ['chain', 'concurrency'],
  timeoutMs: 60_000,
  async run({ payments, facilitator, chain }) {
    const deals: Deal[] = []
    for (let index = 0; index < CONCURRENT_PAYERS; index++) deals.push(await payments.deal())
    for (const deal of deals) expectVerifyValid(await facilitator.verify(deal.request), deal, ['FA-37'])
    const watches = await Promise.all(
      deals.map((deal) => chain.snapshot({ payer: deal.from, payTo: deal.payTo })),
    )
    const answers = await Promise.all(
      deals.map((deal, index) => facilitator.settle(deal.request, `settle (payer ${index + 1}, at once)`)),
    )
    const failed = answers.flatMap((answer, index) => (answer.body?.success === true ? [] : [index]))
    const conflicts = failed
      .map((index) => signerNonceConflict(answers[index]!))
      .filter((c) => c !== undefined)
    check(
      failed.length === 0,
      `${failed.length} of ${CONCURRENT_PAYERS} concurrent settles of different payers did not settle`,
      {
        expected: `every settle success: true (the facilitator orders its signer's transactions${conflicts.length > 0 ? '; its transactions collided on their nonce: it has no nonce management' : ''})`,
        seen: failed.map((index) => `payer ${index + 1}: ${describeAnswer(answers[index]!)}`).join('; '),
        spec: refs('FA-56', 'FA-14'),
      },
    )
    for (const [index, deal] of deals.entries())
      await expectSettled(answers[index]!, deal, watches[index]!, chain)
  },
})

/** A payment that expires between /verify and /settle (the chain clock moves on) is refused. */
export const settleExpiredAfterVerify = facilitatorCase({
  id: 'facilitator.settle.expired-after-verify',
  title: 'A payment that expires between /verify and /settle is refused and moves nothing',
  requirements: ['FA-16', 'FA-9'],
  tags: ['chain', 'time'],
  async run({ payments, facilitator, chain, devnet, version, exclusiveClock }) {
    await exclusiveClock(async () => {
      // Valid for 12 s by either clock (the SDKs keep a 6 s buffer); then the chain moves 15 s on, so the
      // token refuses it whatever clock the facilitator reads. Small steps keep the devnet clock close
      // to the wall clock for the cases that run after this one.
      const deal = await payments.deal({
        authorization: { validBefore: (await payments.clock()).latest + 12n },
      })
      const verified = await facilitator.verify(deal.request)
      if (verified.body?.isValid !== true)
        info(
          `/verify did not accept an authorization valid for 12 s, so expiry after it cannot be shown: ${describeAnswer(verified)}`,
        )
      await devnet.increaseTime(15)
      const watch = await chain.snapshot({ payer: deal.from, payTo: deal.payTo })
      await expectNotSettled(await facilitator.settle(deal.request), watch, expiredRefusal, version, chain)
    })
  },
})

const expiredRefusal = {
  reasons: [
    ...acceptedReasons.validBefore,
    ...acceptedReasons.simulationFailed,
    ...acceptedReasons.settlementFailed,
  ],
  requirements: ['FA-16', 'FA-9'],
  defect: 'a payment that expired after /verify',
}

/** /settle (without /verify) of single-defect payments that would move money wrongly: nothing moves. */
export const settleDefects = [
  'signature-corrupted',
  'amount-under',
  'recipient-mismatch',
  'valid-before-expired',
  'insufficient-balance',
  'accepted-underpriced',
  'accepted-payto',
  'asset-not-a-token',
].map((name) => {
  const defect = defectNamed(name)
  return facilitatorCase({
    id: `facilitator.settle.${defect.name}`,
    title: `/settle of ${defect.defect} answers success false and moves nothing`,
    versions: defect.versions,
    requirements: [...defect.requirements, 'FA-16'],
    tags: ['chain', 'hostile'],
    async run(context) {
      const deal = await defect.build(context)
      const watch = await context.chain.snapshot({
        payer: deal.from,
        payTo: deal.payTo,
        recipient: deal.authorization.to,
      })
      await expectNotSettled(
        await context.facilitator.settle(deal.request),
        watch,
        {
          reasons: [
            ...defect.reasons,
            ...acceptedReasons.simulationFailed,
            ...acceptedReasons.settlementFailed,
          ],
          requirements: [...defect.requirements, 'FA-16'],
          defect: defect.defect,
        },
        context.version,
        context.chain,
      )
    },
  })
})
