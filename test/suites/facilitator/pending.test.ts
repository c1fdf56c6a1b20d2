/**
 * facilitator.settle.pending against facilitators that answer settlement_pending: the built-in one
 * told to (through its `pending` fault, reconciling the repeat) passes; one that never goes pending
 * is skipped with the reason. The known-bads breaking FA-58/FA-59 are in known-bad.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StartedEnvironment, startWorkerEnvironment } from '../../../harness/runner/environment.ts'
import { startBuiltinFacilitator } from '../../../suites/facilitator/builtin.ts'
import { pendingFirst } from '../../known-bad/facilitator/pending-first.ts'
import { describeResults, runFacilitatorSuite } from './run.ts'

let started: StartedEnvironment

beforeAll(async () => {
  started = await startWorkerEnvironment({ seed: 11 })
}, 60_000)
afterAll(async () => {
  await started?.stop()
})

const CASE = 'facilitator.settle.pending'

describe('settlement_pending (FA-58, FA-59)', () => {
  it('passes the built-in facilitator answering settlement_pending first and reconciling after', async () => {
    const run = await runFacilitatorSuite(
      {
        kind: 'in-process',
        label: 'built-in facilitator, settlement_pending first',
        create: (environment) => startBuiltinFacilitator(environment, { wrap: pendingFirst() }),
      },
      started.environment,
      { cases: [CASE] },
    )
    const pending = run.results.filter((result) => result.id === CASE)
    expect(pending.length).toBeGreaterThan(0)
    expect(describeResults(pending.filter((result) => result.outcome !== 'pass'))).toBe('')
  }, 120_000)

  // A facilitator MAY answer pending (core §9): every settle verdict follows it to its terminal answer,
  // as a reconciling server does, so a pending-first facilitator is judged on what its settles became.
  it('judges the other settle cases on the reconciled answer of a pending-first facilitator', async () => {
    const cases = [
      'facilitator.settle.valid',
      'facilitator.settle.without-verify',
      'facilitator.settle.replay',
      'facilitator.settle.expired-after-verify',
    ]
    const run = await runFacilitatorSuite(
      {
        kind: 'in-process',
        label: 'built-in facilitator, settlement_pending first',
        create: (environment) => startBuiltinFacilitator(environment, { wrap: pendingFirst() }),
      },
      started.environment,
      { cases },
    )
    const results = run.results.filter((result) => cases.includes(result.id))
    expect(results.length).toBeGreaterThanOrEqual(cases.length)
    expect(describeResults(results.filter((result) => result.outcome !== 'pass'))).toBe('')
  }, 120_000)

  it('skips, saying why, a facilitator that answers every settle terminally', async () => {
    const run = await runFacilitatorSuite(
      {
        kind: 'in-process',
        label: 'built-in facilitator',
        create: (environment) => startBuiltinFacilitator(environment),
      },
      started.environment,
      { cases: [CASE] },
    )
    const results = run.results.filter((result) => result.id === CASE)
    expect(results.length).toBeGreaterThan(0)
    for (const result of results) {
      expect(result.outcome).toBe('skip')
      expect(result.message).toMatch(/terminally.*settlement_pending is a MAY/)
    }
  }, 120_000)
})
