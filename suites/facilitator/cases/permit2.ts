/**
 * Permit2-based payments (x402 v2): `exact` with `assetTransferMethod: "permit2"` (scheme_exact_evm.md
 * §2) and `upto` (scheme_upto.md, scheme_upto_evm.md), paid in the devnet's plain ERC-20. A valid
 * payment settles through the proxy moving exactly what it should; the signed terms bind the spender
 * and the recipient; an upto authorization settles once, for at most its maximum, partially or for
 * zero. Skipped with the reason when the facilitator does not offer the kind.
 */
import { check } from '../../../harness/model/expect.ts'
import { acceptedReasons } from '../../catalog/index.ts'
import { describeAnswer } from '../api.ts'
import { type FacilitatorCaseContext, facilitatorCase } from '../context.ts'
import {
  exactPermit2Deal,
  expectChargedAmount,
  expectMovedOnce,
  requireExactPermit2,
  tokenChain,
  uptoDeal,
  uptoFacilitatorOf,
  watchDeal,
} from '../permit2.ts'
import { expectNoSignerRace } from '../signer-race.ts'
import { deltasOf, expectNotSettled, expectVerifyInvalid, reasonsOf, refs } from '../verdicts.ts'

/** An upto payment of at most 20000 and the plain token's balances of its payer and payTo from now on. */
async function watchedUpto(context: FacilitatorCaseContext) {
  const deal = await uptoDeal(context, { amount: 20_000n })
  const chain = tokenChain(context)
  return { deal, chain, watch: await watchDeal(chain, deal) }
}

/** A verified Permit2 exact payment settles in one transaction moving exactly permitted.amount. */
export const permit2Valid = facilitatorCase({
  id: 'facilitator.permit2.valid',
  title:
    'A verified exact payment with Permit2 settles in one transaction moving exactly the amount to payTo',
  requirements: ['FA-17', 'FA-61', 'FA-62'],
  tags: ['permit2', 'chain'],
  async run(context) {
    await requireExactPermit2(context)
    const deal = await exactPermit2Deal(context, { amount: 4_321n })
    const chain = tokenChain(context)
    const watch = await watchDeal(chain, deal)
    const answer = await context.facilitator.settle(deal.request)
    expectNoSignerRace(answer)
    const body = answer.body
    check(
      body?.success === true && typeof body.transaction === 'string',
      '/settle did not settle a valid Permit2 payment',
      {
        expected: '{"success": true, "transaction": "0x…"}',
        seen: describeAnswer(answer),
        spec: refs('FA-61'),
      },
    )
    await expectMovedOnce(chain, body?.transaction, deal, watch, {
      value: 4_321n,
      what: 'permitted.amount',
      spec: refs('FA-61'),
    })
    // One-time use: the same payment again is no success and moves nothing.
    const again = await watchDeal(chain, deal)
    await expectNotSettled(
      await context.facilitator.settle(deal.request, 'settle (replay)'),
      again,
      {
        reasons: ['permit2_invalid_nonce', 'permit2_simulation_failed', ...acceptedReasons.nonceUsed],
        requirements: ['FA-62'],
        defect: 'a Permit2 payment that was already settled',
      },
      2,
      chain,
    )
  },
})

/** A permit signed for another spender than the x402ExactPermit2Proxy is refused. */
export const permit2WrongSpender = facilitatorCase({
  id: 'facilitator.permit2.wrong-spender',
  title: 'An exact Permit2 payment whose spender is not the x402ExactPermit2Proxy is refused',
  requirements: ['FA-18'],
  tags: ['permit2', 'security'],
  async run(context) {
    await requireExactPermit2(context)
    const deal = await exactPermit2Deal(context, {
      authorization: { spender: '0x00000000000000000000000000000000000b0b02' },
    })
    expectVerifyInvalid(await context.facilitator.verify(deal.request), {
      reasons: ['invalid_permit2_spender', 'permit2_simulation_failed', ...acceptedReasons.signature],
      requirements: ['FA-18'],
      defect: 'a permit for another spender',
    })
  },
})

/** A permit whose witness sends the funds elsewhere than payTo is refused. */
export const permit2WrongRecipient = facilitatorCase({
  id: 'facilitator.permit2.wrong-recipient',
  title: 'An exact Permit2 payment whose witness.to is not payTo is refused',
  requirements: ['FA-18'],
  tags: ['permit2', 'security'],
  async run(context) {
    await requireExactPermit2(context)
    const deal = await exactPermit2Deal(context, {
      authorization: { witness: { to: '0x00000000000000000000000000000000000b0b01' } },
    })
    expectVerifyInvalid(await context.facilitator.verify(deal.request), {
      reasons: ['invalid_permit2_recipient_mismatch', ...acceptedReasons.recipient],
      requirements: ['FA-18'],
      defect: 'a permit paying another recipient',
    })
  },
})

/** /supported names the facilitator address of its upto kind. */
export const uptoSupported = facilitatorCase({
  id: 'facilitator.upto.supported-address',
  title: 'The upto kind in /supported carries extra.facilitatorAddress',
  requirements: ['FA-26'],
  tags: ['upto'],
  async run(context) {
    // Read afresh (and recorded): the session's copy only decides whether the kind is offered.
    const answer = await context.facilitator.supported()
    const supported = answer.body ?? context.supported
    const address = uptoFacilitatorOf({ ...context, supported })
    check(address !== undefined, 'the upto kind in /supported names no facilitator address', {
      expected: 'kinds[].extra.facilitatorAddress: a 20-byte hex address',
      seen: JSON.stringify(supported?.kinds),
      spec: refs('FA-26'),
    })
  },
})

/** A partial upto settlement moves exactly the charge and answers it in `amount`; then it is spent. */
export const uptoPartial = facilitatorCase({
  id: 'facilitator.upto.partial-settle',
  title: 'An upto payment settled for less than its maximum moves exactly that charge, once',
  requirements: ['FA-57', 'FA-24', 'FA-25'],
  tags: ['upto', 'chain'],
  async run(context) {
    const { deal, chain, watch } = await watchedUpto(context)
    const verified = await context.facilitator.verify(deal.request, 'verify (maximum 20000)')
    check(verified.body?.isValid === true, '/verify refused a valid upto payment', {
      expected: 'isValid: true',
      seen: describeAnswer(verified),
      spec: refs('FA-25'),
    })
    const answer = await context.facilitator.settle(
      deal.requestWith({ amount: '1858' }),
      'settle (charge 1858)',
    )
    expectNoSignerRace(answer)
    const body = answer.body
    check(body?.success === true, '/settle refused a partial upto settlement', {
      expected: 'success: true (settle-time amount below permitted.amount is the point of upto)',
      seen: describeAnswer(answer),
      spec: refs('FA-57'),
    })
    await expectMovedOnce(chain, body?.transaction, deal, watch, {
      value: 1_858n,
      what: 'the charge',
      spec: refs('FA-57'),
    })
    if (body) expectChargedAmount(body as Record<string, unknown>, 1_858n)
    const again = await watchDeal(chain, deal)
    await expectNotSettled(
      await context.facilitator.settle(deal.requestWith({ amount: '1' }), 'settle (second charge)'),
      again,
      {
        reasons: [
          'permit2_invalid_nonce',
          'permit2_simulation_failed',
          'invalid_upto_evm_transaction_failed',
          ...acceptedReasons.nonceUsed,
        ],
        requirements: ['FA-24'],
        defect: 'a second settlement of a settled upto authorization',
      },
      2,
      chain,
    )
  },
})

/** A settle request above the signed maximum is refused and moves nothing. */
export const uptoOverSettle = facilitatorCase({
  id: 'facilitator.upto.over-settle',
  title: 'An upto settlement above the authorized maximum is refused and moves nothing',
  requirements: ['FA-24'],
  tags: ['upto', 'chain', 'security'],
  async run(context) {
    const { deal, chain, watch } = await watchedUpto(context)
    await expectNotSettled(
      await context.facilitator.settle(deal.requestWith({ amount: '20001' }), 'settle (above the maximum)'),
      watch,
      {
        reasons: reasonsOf('FA-24'),
        requirements: ['FA-24'],
        defect: 'an upto settlement above the maximum',
      },
      2,
      chain,
    )
  },
})

/** A zero settlement succeeds without a transaction. */
export const uptoZero = facilitatorCase({
  id: 'facilitator.upto.zero-settle',
  title: 'A zero upto settlement succeeds with transaction "" and amount "0", moving nothing',
  requirements: ['FA-63', 'FA-24'],
  tags: ['upto', 'chain'],
  async run(context) {
    const { deal, watch } = await watchedUpto(context)
    const answer = await context.facilitator.settle(deal.requestWith({ amount: '0' }), 'settle (zero)')
    const body = answer.body
    check(
      body?.success === true && body.transaction === '',
      'a zero upto settlement is not success with transaction ""',
      {
        expected: '{"success": true, "transaction": "", "amount": "0"}',
        seen: describeAnswer(answer),
        spec: refs('FA-63'),
      },
    )
    if (body) expectChargedAmount(body as Record<string, unknown>, 0n)
    const deltas = await deltasOf(watch)
    check(deltas.payer === 0n && deltas.payTo === 0n, 'a zero upto settlement moved funds', {
      expected: 'no balance change',
      seen: `payer ${deltas.payer}, payTo ${deltas.payTo}`,
      spec: refs('FA-63'),
    })
  },
})

/** An upto permit bound to another facilitator is refused. */
export const uptoOtherFacilitator = facilitatorCase({
  id: 'facilitator.upto.other-facilitator',
  title: 'An upto payment whose witness names another facilitator is refused',
  requirements: ['FA-64'],
  tags: ['upto', 'security'],
  async run(context) {
    const deal = await uptoDeal(context, {
      authorization: { witness: { facilitator: '0x00000000000000000000000000000000000fac02' } },
    })
    expectVerifyInvalid(await context.facilitator.verify(deal.request), {
      reasons: ['upto_facilitator_mismatch', 'upto_unauthorized_facilitator', 'permit2_simulation_failed'],
      requirements: ['FA-64'],
      defect: 'an upto permit bound to another facilitator',
    })
  },
})

/** Every Permit2 case, in report order. */
export const permit2Cases = [
  permit2Valid,
  permit2WrongSpender,
  permit2WrongRecipient,
  uptoSupported,
  uptoPartial,
  uptoOverSettle,
  uptoZero,
  uptoOtherFacilitator,
]
