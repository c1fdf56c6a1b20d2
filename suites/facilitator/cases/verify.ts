/**
 * POST /verify (spec §7.1, §6.1.2): a valid payment is valid with its payer and verifying changes
 * nothing on chain; every single-defect payment is refused with a code that names the defect.
 */
import { check, info, show } from '../../../harness/model/expect.ts'
import { CheckFailure } from '../../../harness/model/verdict.ts'
import { acceptedReasons } from '../../catalog/index.ts'
import { describeAnswer } from '../api.ts'
import { facilitatorCase } from '../context.ts'
import { corruptSignature, defects } from '../defects.ts'
import { expectNoMovement, expectVerifyInvalid, expectVerifyValid, reasonsOf, refs } from '../verdicts.ts'

/** A valid payment is answered isValid true, without invalidReason, with its payer; nothing moves. */
export const verifyValid = facilitatorCase({
  id: 'facilitator.verify.valid',
  title: 'A valid payment is answered isValid true with its payer, and /verify moves no funds',
  // The requirements carry no extra.assetTransferMethod, which a facilitator must not require (FA-47).
  requirements: ['FA-1', 'FA-2', 'FA-3', 'FA-37', 'FA-47', 'FA-55'],
  tags: ['chain'],
  async run({ payments, facilitator, chain }) {
    const deal = await payments.deal()
    const watch = await chain.snapshot({ payer: deal.from, payTo: deal.payTo })
    expectVerifyValid(await facilitator.verify(deal.request), deal, ['FA-37'])
    await expectNoMovement(watch, '/verify of a valid payment', refs('FA-55'))
    const used = await chain.authorizationUsed(deal.from, deal.authorization.nonce)
    check(!used, '/verify consumed the authorization (its nonce is used on chain)', {
      expected: 'authorizationState false after /verify',
      seen: 'true',
      spec: refs('FA-55'),
    })
  },
})

/** One case per single-defect payment: /verify refuses it with a code from the accepted set. */
export const verifyDefects = defects.map((defect) =>
  facilitatorCase({
    id: `facilitator.verify.${defect.name}`,
    title: `/verify refuses ${defect.defect}`,
    versions: defect.versions,
    requirements: defect.requirements,
    tags: ['hostile'],
    async run(context) {
      const deal = await defect.build(context)
      expectVerifyInvalid(await context.facilitator.verify(deal.request), defect)
    },
  }),
)

/** validBefore 3 s ahead: the spec only says "not expired"; the SDKs refuse it (6 s buffer). Recorded. */
export const verifyValidBeforeBoundary = facilitatorCase({
  id: 'facilitator.verify.valid-before-boundary',
  title: "An authorization expiring in 3 s (inside the SDKs' 6 s buffer) is accepted or refused: recorded",
  requirements: ['FA-9'],
  level: 'MAY',
  tags: ['time'],
  async run({ payments, facilitator, exclusiveClock }) {
    const { answer, skew } = await exclusiveClock(async () => {
      const { earliest, latest } = await payments.clock()
      const deal = await payments.deal({ authorization: { validBefore: latest + 3n } })
      return { answer: await facilitator.verify(deal.request), skew: latest - earliest }
    })
    // When the block clock and the wall clock differ, "3 s" is longer by one of them.
    const clocks = skew > 1n ? ` (the block clock and the wall clock were ${skew} s apart)` : ''
    if (answer.body?.isValid === true)
      info(`accepted validBefore = now + 3 s (no settlement buffer)${clocks}`)
    if (answer.body?.isValid === false)
      info(
        `refused validBefore = now + 3 s (${show(answer.body.invalidReason)}): a settlement buffer, as the SDKs' 6 s${clocks}`,
      )
    info(`answered ${describeAnswer(answer)}${clocks}`)
  },
})

/** v1 overpayment: spec-v1 says "meets or exceeds"; the newer SDKs say exact. Either is recorded. */
export const verifyOverpaymentV1 = facilitatorCase({
  id: 'facilitator.verify.amount-over-v1',
  title:
    'v1: an authorization for more than maxAmountRequired is accepted (">=") or refused (exact): recorded',
  requirements: ['FA-35'],
  tags: ['hostile'],
  async run({ payments, facilitator }) {
    const deal = await payments.deal({ terms: { amount: 1000n }, authorization: { value: 1001n } })
    const answer = await facilitator.verify(deal.request)
    if (answer.body?.isValid === true) info('v1 overpayment accepted (spec-v1 §6.1.2: "meets or exceeds")')
    const reason = answer.body?.invalidReason
    if (
      answer.body?.isValid === false &&
      typeof reason === 'string' &&
      acceptedReasons.amountMismatch.includes(reason)
    )
      info(`v1 overpayment refused with ${reason} (strict equality, as @x402/evm since PR #1388)`)
    throw new CheckFailure('v1 overpayment refused without an amount code', {
      expected: `isValid true, or false with one of ${acceptedReasons.amountMismatch.join(', ')}`,
      seen: describeAnswer(answer),
      spec: refs('FA-35', 'FA-43'),
      level: 'SHOULD',
    })
  },
})

/** Requirements without extra.name/version: refusing is expected; looking the domain up is recorded. */
export const verifyMissingDomain = facilitatorCase({
  id: 'facilitator.verify.missing-eip712-domain',
  title:
    'Requirements without the EIP-712 domain (extra.name/version) are refused, or the lookup is recorded',
  requirements: ['FA-12', 'FA-43'],
  level: 'SHOULD',
  tags: ['eip712'],
  async run({ payments, facilitator }) {
    const deal = await payments.deal({ terms: { extra: null } })
    const answer = await facilitator.verify(deal.request)
    if (answer.body?.isValid === true)
      info(
        "accepted requirements without extra.name/version (the facilitator found the token's domain itself)",
      )
    expectVerifyInvalid(answer, {
      reasons: [...acceptedReasons.malformedRequirements, ...reasonsOf('FA-12')],
      requirements: ['FA-12'],
      defect: 'requirements without extra.name and extra.version',
    })
  },
})

/** `to` equal to payTo but for letter case is the same address. */
export const verifyPayToCase = facilitatorCase({
  id: 'facilitator.verify.payto-letter-case',
  title: 'An authorization whose to differs from payTo only in letter case is accepted',
  requirements: ['FA-48'],
  async run({ payments, facilitator }) {
    const deal = await payments.deal({
      patch: (request) => {
        const payload = request.paymentPayload.payload as { authorization: { to: string } }
        payload.authorization.to = payload.authorization.to.toLowerCase()
      },
    })
    expectVerifyValid(await facilitator.verify(deal.request), deal, ['FA-48'])
  },
})

/** v2: an `accepted` that disagrees with the requirements while the authorization matches them. */
export const verifyAcceptedDiffers = facilitatorCase({
  id: 'facilitator.verify.accepted-differs',
  title: 'v2: a payload whose accepted differs from the requirements (authorization as required) is refused',
  requirements: ['FA-50'],
  tags: ['hostile'],
  async run({ payments, facilitator }) {
    const deal = await payments.deal({
      terms: { amount: 1000n },
      patch: (request) => {
        ;(request.paymentPayload as unknown as { accepted: Record<string, unknown> }).accepted.amount = '1005'
      },
    })
    expectVerifyInvalid(await facilitator.verify(deal.request), {
      reasons: reasonsOf('FA-50'),
      requirements: ['FA-50'],
      defect: "a payload whose accepted.amount is not the requirements' amount",
    })
  },
})

/** Unsupported scheme, network or version: never valid; a coded answer is preferred to an HTTP error. */
export const verifyUnsupported = (
  [
    ['scheme', 'a payment of a scheme the facilitator does not support'],
    ['network', 'a payment on a network the facilitator does not support'],
    ['version', 'a payment of an x402 version that does not exist (99)'],
  ] as const
).map(([what, defect]) =>
  facilitatorCase({
    id: `facilitator.verify.unsupported-${what}`,
    title: `/verify never accepts ${defect}`,
    versions: [1, 2],
    requirements: ['FA-32', 'FA-40'],
    tags: ['hostile'],
    async run({ payments, facilitator, version }) {
      const deal = await payments.deal({
        ...(what === 'scheme' ? { terms: { scheme: 'x402-conformance-unknown' } } : {}),
        ...(what === 'network'
          ? { terms: { network: version === 1 ? 'x402-conformance-unknown' : 'eip155:999999999' } }
          : {}),
        patch: (request) => {
          if (what !== 'version') return
          const body = request as unknown as Record<string, unknown>
          body.x402Version = 99
          ;(request.paymentPayload as unknown as Record<string, unknown>).x402Version = 99
        },
      })
      expectVerifyInvalid(await facilitator.verify(deal.request), {
        reasons: reasonsOf('FA-32'),
        requirements: ['FA-32', 'FA-40'],
        defect,
      })
    },
  }),
)

/** The HTTP status of a refusal is open (the reference facilitators use 200): recorded. */
export const verifyRefusalStatus = facilitatorCase({
  id: 'facilitator.verify.refusal-status',
  title: 'The HTTP status of /verify and /settle refusals (isValid/success false) is recorded',
  requirements: ['FA-41'],
  async run({ payments, facilitator }) {
    const deal = await payments.deal({ signature: corruptSignature })
    const verified = await facilitator.verify(deal.request)
    const settled = await facilitator.settle(deal.request)
    if (verified.body?.isValid === true || settled.body?.success === true) {
      throw new CheckFailure('a payment with a corrupted signature was accepted', {
        expected: 'isValid false and success false',
        seen: `${describeAnswer(verified)}; ${describeAnswer(settled)}`,
        spec: refs('FA-6', 'FA-16'),
        level: 'MUST',
      })
    }
    info(`refusals answered with HTTP ${verified.status} (/verify) and HTTP ${settled.status} (/settle)`)
  },
})
