/**
 * Verdicts that hold on servers the suite has never seen (issue 13): correct servers of unusual but
 * allowed shapes (test/suites/server/unusual-servers.ts) get no failure they did not earn, the cases
 * that cannot apply to them skip saying why, and an unreadable challenge never switches the payment
 * cases off silently: with `--offer` (the fixture's `offer`) they run.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { targetEnvironment } from '../../../harness/devnet/environment.ts'
import type { CaseResult } from '../../../harness/model/result.ts'
import type { StartedEnvironment } from '../../../harness/runner/environment.ts'
import { SELF_SETTLED } from '../../../suites/server/cases/facilitator-use.ts'
import { serverCases } from '../../../suites/server/cases/index.ts'
import { NO_PAYABLE_OFFER, OFFER_HINT, parseUserOffer } from '../../../suites/server/offer.ts'
import { outcomes, runServerSuite, startEnvironment } from './run.ts'
import {
  flattenedChallenge,
  offerWithoutDomain,
  selfSettling,
  settleOnly,
  v2WithMaxAmountRequired,
} from './unusual-servers.ts'

/**
 * Every fast case, the property that once crashed on a v2 offer with maxAmountRequired, no batch and
 * no Permit2 (these servers offer neither; ./permit2.test.ts runs the Permit2 cases).
 */
const CASES = serverCases
  .filter(
    (definition) =>
      !(definition.tags ?? []).some(
        (tag) => tag === 'slow' || tag === 'property' || tag === 'batch' || tag === 'permit2',
      ),
  )
  .map((definition) => definition.id)
  .concat('server.property.single-field-mutation')
const RECORDED = new Set(['server.challenge.response-body', 'server.payment.overpayment-v1'])
const VERIFY_FAULTS = [
  'server.failure.verify-invalid',
  'server.failure.verify-unreachable',
  'server.failure.verify-garbage',
  'server.failure.verify-wrong-shape',
  'server.failure.verify-http-500',
]
const PAYMENT_CASES = [
  'server.payment.honest',
  'server.payment.underpayment',
  'server.replay.sequential',
  'server.replay.concurrent',
  'server.failure.settle-rejected',
  'server.failure.verify-invalid',
  'server.failure.settle-unsuccessful-200',
  'server.accepted.unquoted-lower-amount',
]

let started: StartedEnvironment

beforeAll(async () => {
  started = await startEnvironment(13)
}, 60_000)

afterAll(async () => {
  await started?.stop()
})

/** Results that are neither pass nor the recorded infos, minus the ones `allowed` names. */
function unearned(results: readonly CaseResult[], allowed: (result: CaseResult) => boolean): string[] {
  return results
    .filter((r) => !(r.outcome === 'pass' || (r.outcome === 'info' && RECORDED.has(r.id)) || allowed(r)))
    .map((r) => `${r.id}@v${r.version}: ${r.outcome} ${r.message ?? ''} ${r.seen ?? ''}`)
}

const byId = (results: readonly CaseResult[]) => new Map(results.map((r) => [r.id, r]))

describe('correct servers of unusual shapes', () => {
  test('a v2 offer that also carries maxAmountRequired is paid in v2 (PAYMENT-SIGNATURE, its amount)', async () => {
    const run = await runServerSuite(v2WithMaxAmountRequired(), {
      environment: started.environment,
      caseIds: CASES,
      seed: 13,
    })
    expect(run.versions).toEqual([2])
    expect(
      unearned(run.results, () => false),
      JSON.stringify(outcomes(run.results), null, 1),
    ).toEqual([])
  }, 120_000)

  // Core v2 §6.1: settling before the resource is the upfront flow, which the offer MUST declare; this
  // server does not, so it fails server.flow.declared (test/suites/server/payment-flows.test.ts).
  test('a server that settles without /verify: the verify-fault cases skip, only the flow declaration fails', async () => {
    const run = await runServerSuite(settleOnly(2), {
      environment: started.environment,
      caseIds: CASES,
      seed: 13,
    })
    const results = byId(run.results)
    for (const id of VERIFY_FAULTS) {
      expect(results.get(id)?.outcome, id).toBe('skip')
      expect(results.get(id)?.message, id).toMatch(/never called \/verify/)
    }
    expect(results.get('server.flow.declared')?.outcome).toBe('fail')
    expect(
      unearned(run.results, (r) => VERIFY_FAULTS.includes(r.id) || r.id === 'server.flow.declared'),
    ).toEqual([])
  }, 120_000)

  test('a server that settles by itself: the facilitator-oracle cases skip; judged by the chain', async () => {
    const target = await selfSettling(2, started.environment.devnet)
    const run = await runServerSuite(target, { environment: started.environment, caseIds: CASES, seed: 13 })
    const skipped = run.results.filter((r) => r.outcome === 'skip').map((r) => r.id)
    expect(skipped).toEqual(
      expect.arrayContaining([
        ...VERIFY_FAULTS,
        'server.failure.settle-rejected',
        'server.failure.settle-receipt',
        'server.failure.settle-unreachable',
        'server.failure.settle-garbage',
        'server.failure.settle-wrong-shape',
        'server.payment.settled-before-delivery',
        'server.payment.facilitator-requests',
      ]),
    )
    for (const id of skipped) expect(byId(run.results).get(id)?.message, id).toBe(SELF_SETTLED)
    expect(byId(run.results).get('server.payment.honest')?.outcome).toBe('pass')
    expect(unearned(run.results, (r) => r.outcome === 'skip')).toEqual([])
  }, 120_000)

  test('an offer without the EIP-712 domain: signed under the token domain, only the challenge fails', async () => {
    const run = await runServerSuite(offerWithoutDomain(), {
      environment: started.environment,
      caseIds: CASES,
      seed: 13,
    })
    const failed = run.results.filter((r) => r.outcome === 'fail').map((r) => r.id)
    expect(failed).toContain('server.challenge.eip712-domain')
    expect(
      failed.every((id) => id.startsWith('server.challenge.')),
      failed.join(', '),
    ).toBe(true)
    expect(byId(run.results).get('server.payment.honest')?.outcome).toBe('pass')
    expect(unearned(run.results, (r) => r.id.startsWith('server.challenge.'))).toEqual([])
  }, 120_000)
})

describe('a flattened challenge without accepts', () => {
  const offer = () => {
    const { devnet } = started.environment
    const terms = {
      x402Version: 2,
      accepts: [
        {
          scheme: 'exact',
          network: devnet.preset.network,
          amount: '1000',
          asset: devnet.usdc,
          payTo: targetEnvironment(devnet, { facilitatorUrl: started.environment.facilitatorUrl })
            .X402_PAY_TO,
          maxTimeoutSeconds: 60,
          extra: devnet.preset.eip712,
        },
      ],
    }
    const parsed = parseUserOffer(JSON.stringify(terms))
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
    return parsed.value
  }

  test('without --offer, every payment case skips saying why and how to enable it', async () => {
    const run = await runServerSuite(flattenedChallenge(), {
      environment: started.environment,
      caseIds: PAYMENT_CASES,
      seed: 13,
    })
    for (const result of run.results) {
      expect(result.outcome, result.id).toBe('skip')
      expect(result.message, result.id).toContain(NO_PAYABLE_OFFER)
      expect(result.message, result.id).toContain(OFFER_HINT)
    }
  }, 60_000)

  test('with --offer, the payment, replay, concurrency and failure cases run and pass', async () => {
    const run = await runServerSuite(flattenedChallenge(), {
      environment: started.environment,
      caseIds: [...PAYMENT_CASES, 'server.challenge.schema'],
      seed: 13,
      fixture: { offer: offer() },
    })
    expect(outcomes(run.results)).toEqual({
      ...Object.fromEntries(PAYMENT_CASES.map((id) => [`${id}@v2`, 'pass'])),
      'server.challenge.schema@v2': 'fail',
    })
  }, 60_000)
})
