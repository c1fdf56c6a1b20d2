/**
 * payment-identifier (exactly-once) in the server suite: the reference server (it advertises the
 * extension) passes both cases; a server that does not advertise it skips them, saying why; the
 * known-bads that ignore the id or bind it to the id alone are caught.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { referenceServerTarget } from '../../../harness/reference/server/index.ts'
import type { StartedEnvironment } from '../../../harness/runner/environment.ts'
import { serverCases } from '../../../suites/server/cases/index.ts'
import { catchersAt, knownBadServers } from '../../known-bad/server/index.ts'
import { outcomes, runServerSuite, startEnvironment } from './run.ts'

const CASES = serverCases.filter((c) => c.id.startsWith('server.payment-identifier.')).map((c) => c.id)
const KNOWN_BADS = ['ignores-payment-identifier', 'payment-identifier-id-only']

let started: StartedEnvironment

beforeAll(async () => {
  started = await startEnvironment(15)
}, 60_000)

afterAll(async () => {
  await started?.stop()
})

describe('payment-identifier cases of the server suite', () => {
  test('the reference server v2 passes them', async () => {
    const run = await runServerSuite(referenceServerTarget(2), {
      environment: started.environment,
      caseIds: CASES,
      seed: 15,
    })
    expect(CASES.length).toBe(2)
    expect(outcomes(run.results), JSON.stringify(run.results.map((r) => [r.id, r.message, r.seen]))).toEqual(
      Object.fromEntries(CASES.map((id) => [`${id}@v2`, 'pass'])),
    )
  }, 60_000)

  test('a server that does not advertise the extension skips them, naming it', async () => {
    const target = referenceServerTarget(2, { overrides: { paymentIdentifier: undefined }, label: 'no ext' })
    const run = await runServerSuite(target, { environment: started.environment, caseIds: CASES, seed: 15 })
    for (const result of run.results) {
      expect(result.outcome, result.id).toBe('skip')
      expect(result.message, result.id).toMatch(/does not advertise the payment-identifier extension/)
    }
  }, 60_000)

  for (const name of KNOWN_BADS) {
    test(`known-bad ${name} is caught`, async () => {
      const bad = knownBadServers.find((entry) => entry.name === name)!
      const run = await runServerSuite(referenceServerTarget(2, { ...bad.replace, label: name }), {
        environment: started.environment,
        caseIds: CASES,
        seed: 15,
      })
      const byId = new Map(run.results.map((r) => [r.id, r]))
      for (const id of catchersAt(bad, 2))
        expect(byId.get(id)?.outcome, `${id}: ${byId.get(id)?.message}`).toBe('fail')
    }, 60_000)
  }
})
