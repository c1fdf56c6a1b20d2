/**
 * A facilitator without nonce management (test/known-bad/facilitator/no-nonce-management.ts) is one
 * finding, not noise: facilitator.settle.concurrent-payers fails; every other case that met a collision
 * of its signer's transactions ends in `error` naming that case, and no other case fails.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type StartedEnvironment, startWorkerEnvironment } from '../../../harness/runner/environment.ts'
import { knownBadTarget } from '../../known-bad/facilitator/defect.ts'
import { noNonceManagement } from '../../known-bad/facilitator/no-nonce-management.ts'
import { describeResults, runFacilitatorSuite } from './run.ts'

let started: StartedEnvironment

beforeAll(async () => {
  started = await startWorkerEnvironment({ seed: 9 })
}, 60_000)

afterAll(async () => {
  await started?.stop()
})

describe('settles racing on the signer nonce', () => {
  test('only facilitator.settle.concurrent-payers fails; collisions elsewhere are errors, never refusals or failures', async () => {
    const run = await runFacilitatorSuite(knownBadTarget(noNonceManagement), started.environment)
    const failed = run.results.filter((result) => result.outcome === 'fail')
    expect(failed.map((result) => `${result.id}@v${result.version}`).sort(), describeResults(failed)).toEqual(
      ['facilitator.settle.concurrent-payers@v1', 'facilitator.settle.concurrent-payers@v2'],
    )
    expect(failed[0]!.expected).toContain('it has no nonce management')
    const errors = run.results.filter((result) => result.outcome === 'error')
    expect(
      describeResults(
        errors.filter((result) => !noNonceManagement.errorsExpected!.test(result.message ?? '')),
      ),
    ).toBe('')
    // The MAY branch of settle-without-verify never takes a collision for a refusal.
    const withoutVerify = run.results.filter((result) => result.id === 'facilitator.settle.without-verify')
    for (const result of withoutVerify) expect(result.outcome, result.message).not.toBe('info')
  }, 180_000)
})
