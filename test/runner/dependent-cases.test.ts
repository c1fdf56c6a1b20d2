/**
 * One cause, one failure, on a real target: a server that never reads the payment header fails the
 * honest payment once, and the malformed-header family (which depends on it) is not run because of it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { referenceServerTarget } from '../../harness/reference/server/index.ts'
import type { StartedEnvironment } from '../../harness/runner/environment.ts'
import { serverCases } from '../../suites/server/cases/index.ts'
import { runServerSuite, startEnvironment } from '../suites/server/run.ts'

const MALFORMED = serverCases.filter((definition) => definition.id.startsWith('server.malformed.'))

let started: StartedEnvironment

beforeAll(async () => {
  started = await startEnvironment(11)
}, 120_000)

afterAll(async () => {
  await started?.stop()
})

describe('dependent cases on a server that ignores the payment header', () => {
  test('server.payment.honest fails once; every malformed-header case reports not run because of it', async () => {
    const target = referenceServerTarget(2, {
      label: 'ignores the payment header',
      steps: { readPayment: () => undefined },
    })
    const run = await runServerSuite(target, {
      environment: started.environment,
      // The prerequisite is not selected: each dependent runs it as a probe, once for all of them.
      caseIds: MALFORMED.map((definition) => definition.id),
      versions: [2],
      seed: 7,
    })
    expect(MALFORMED.length).toBeGreaterThanOrEqual(7)
    expect(run.results).toHaveLength(MALFORMED.length)
    for (const result of run.results) {
      expect(result.outcome, `${result.id}: ${result.message}`).toBe('skip')
      expect(result.message).toBe('not run: depends on server.payment.honest, which failed')
      expect(result.blockedBy).toMatchObject({ id: 'server.payment.honest', outcome: 'fail' })
    }
  }, 120_000)
})
