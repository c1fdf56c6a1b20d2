/**
 * The batch-settlement lifecycle cases (withdrawal during pending claims, the conservation property):
 * both pass against the built-in facilitator, and the conservation property catches the known-bad batch
 * facilitators that report what did not happen on chain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StartedEnvironment, startWorkerEnvironment } from '../../../harness/runner/environment.ts'
import { startBuiltinFacilitator } from '../../../suites/facilitator/builtin.ts'
import { batchLifecycleCases } from '../../../suites/facilitator/cases/batch-lifecycle.ts'
import { batchClaimsAboveCeiling } from '../../known-bad/facilitator/batch-claims-above-ceiling.ts'
import { batchRefundsClaimedFunds } from '../../known-bad/facilitator/batch-refunds-claimed-funds.ts'
import { knownBadFacilitators, knownBadTarget } from '../../known-bad/facilitator/index.ts'
import { describeResults, keyOf, runFacilitatorSuite } from './run.ts'

const CONSERVATION = 'facilitator.batch.conservation'
let started: StartedEnvironment
const ids = batchLifecycleCases.map((definition) => definition.id)

beforeAll(async () => {
  started = await startWorkerEnvironment({ seed: 28 })
}, 60_000)
afterAll(async () => {
  await started?.stop()
})

describe('facilitator batch-settlement lifecycle cases', () => {
  it('are two v2 MUST cases tagged batch, tracing FA-28', () => {
    expect(ids).toEqual(['facilitator.batch.withdraw-during-pending-claims', CONSERVATION])
    for (const definition of batchLifecycleCases) {
      expect(definition.versions).toEqual([2])
      expect(definition.level).toBe('MUST')
      expect(definition.tags).toContain('batch')
      expect(definition.requirements).toEqual(['FA-28'])
    }
  })

  it('pass against the built-in facilitator, the property with its seed recorded', async () => {
    const run = await runFacilitatorSuite(
      {
        kind: 'in-process',
        label: 'built-in',
        create: (environment) => startBuiltinFacilitator(environment),
      },
      started.environment,
      { cases: ids, timeoutMs: 120_000 },
    )
    expect(run.results.map(keyOf).sort()).toEqual(ids.map((id) => `${id}@v2`).sort())
    expect(describeResults(run.results)).toBe('')
    const property = run.results.find((result) => result.id === CONSERVATION)
    const evidence = property?.evidence.find((item) => item.kind === 'property')
    expect(evidence).toMatchObject({ kind: 'property', numRuns: expect.any(Number) })
    expect(evidence && 'counterexample' in evidence).toBe(false)
  }, 180_000)

  it('are named by known-bad batch facilitators: the refund misreport and the unchecked claims', () => {
    expect(batchRefundsClaimedFunds.caughtBy).toContain(CONSERVATION)
    expect(batchClaimsAboveCeiling.caughtBy).toContain(CONSERVATION)
  })

  // Every known-bad that names one of these cases: run them, each named one must fail; the property with a
  // shrunk counterexample and a replay line.
  for (const bad of knownBadFacilitators.filter((item) => item.caughtBy.some((id) => ids.includes(id)))) {
    const named = bad.caughtBy.filter((id) => ids.includes(id))
    it(`catch ${bad.name} (${named.join(', ')})`, async () => {
      const run = await runFacilitatorSuite(knownBadTarget(bad), started.environment, {
        cases: named,
        timeoutMs: 120_000,
      })
      expect(run.results.map((result) => `${keyOf(result)} ${result.outcome}`).sort()).toEqual(
        named.map((id) => `${id}@v2 fail`).sort(),
      )
      const property = run.results.find((result) => result.id === CONSERVATION)
      if (property === undefined) return
      expect(property.evidence.find((item) => item.kind === 'property')).toMatchObject({
        kind: 'property',
        counterexample: expect.anything(),
        replay: expect.stringContaining(`--case ${CONSERVATION}`),
      })
      expect(property.message).toMatch(/counterexample/)
    }, 180_000)
  }
})
