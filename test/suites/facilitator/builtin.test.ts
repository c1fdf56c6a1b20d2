/**
 * The facilitator suite against its reference implementation, the built-in facilitator: every case
 * passes, except MAY cases, which record open behaviour as `info`. Also the suite's own consistency:
 * every case cites requirements that exist in the catalogue, and ids are permanent-looking.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StartedEnvironment } from '../../../harness/runner/environment.ts'
import { startWorkerEnvironment } from '../../../harness/runner/environment.ts'
import { hasRequirement } from '../../../suites/catalog/index.ts'
import { startBuiltinFacilitator } from '../../../suites/facilitator/builtin.ts'
import { facilitatorCases, facilitatorSuite } from '../../../suites/facilitator/index.ts'
import { describeResults, runFacilitatorSuite, type SuiteRun } from './run.ts'

let started: StartedEnvironment
let run: SuiteRun

beforeAll(async () => {
  started = await startWorkerEnvironment({ seed: 20_260_101 })
  run = await runFacilitatorSuite(
    {
      kind: 'in-process',
      label: 'built-in facilitator',
      create: (environment) => startBuiltinFacilitator(environment),
    },
    started.environment,
  )
}, 300_000)
afterAll(async () => {
  await started?.stop()
})

describe('facilitator suite × built-in facilitator', () => {
  it('learns both versions from /supported and runs every case at each version it applies to', () => {
    expect(run.versions).toEqual([1, 2])
    const expected = facilitatorCases.reduce((count, definition) => count + definition.versions.length, 0)
    expect(run.results).toHaveLength(expected)
  })

  it('passes every MUST, schema and SHOULD case; MAY cases end pass or info', () => {
    // It never answers settlement_pending on its own, so that case skips (pending.test.ts makes it).
    const pendingJudged = (result: { id: string; outcome: string }) =>
      result.id === 'facilitator.settle.pending' && result.outcome === 'skip'
    const bad = run.results.filter((result) =>
      result.level === 'MAY'
        ? !['pass', 'info'].includes(result.outcome)
        : result.outcome !== 'pass' && !pendingJudged(result),
    )
    expect(describeResults(bad)).toBe('')
    expect(run.outcomes['facilitator.settle.pending@v2']).toBe('skip')
  })

  it('records the open behaviours it chose (v1 overpayment accepted, the 6 s validBefore buffer)', () => {
    expect(run.outcomes['facilitator.verify.amount-over-v1@v1']).toBe('info')
    expect(run.outcomes['facilitator.verify.valid-before-boundary@v2']).toBe('info')
    expect(run.outcomes['facilitator.settle.without-verify@v2']).toBe('pass')
  })

  it('records evidence for every case: exchanges, chain reads for chain cases, seed and replay for properties', () => {
    for (const result of run.results) {
      const kinds = new Set(result.evidence.map((item) => item.kind))
      if (result.tags.includes('property')) {
        expect(kinds.has('property'), result.id).toBe(true)
        continue
      }
      expect(kinds.has('http'), result.id).toBe(true)
      if (result.tags.includes('chain') && result.outcome === 'pass')
        expect(kinds.has('balance') || kinds.has('transaction'), result.id).toBe(true)
    }
    const property = run.results.find((result) => result.id === 'facilitator.property.single-field-mutation')
    const evidence = property?.evidence.find((item) => item.kind === 'property')
    expect(evidence).toMatchObject({ kind: 'property', numRuns: 20 })
    expect(evidence && 'replay' in evidence ? evidence.replay : '').toMatch(
      /--case facilitator\.property\.single-field-mutation .*--seed 20260101/,
    )
  })
})

describe('facilitator suite definition', () => {
  it('cites only requirement ids that exist in the catalogue', () => {
    const unknown = facilitatorCases.flatMap((definition) =>
      definition.requirements.filter((id) => !hasRequirement(id)).map((id) => `${definition.id}: ${id}`),
    )
    expect(unknown).toEqual([])
  })

  it('is a facilitator suite with the built-in facilitator as its reference', () => {
    expect(facilitatorSuite.role).toBe('facilitator')
    expect(facilitatorSuite.references?.map((reference) => reference.name)).toEqual(['facilitator-builtin'])
    expect(new Set(facilitatorCases.map((definition) => definition.id)).size).toBe(facilitatorCases.length)
  })
})
