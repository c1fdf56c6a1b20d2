/** The verdict and exit-code rule (harness/model/decision.ts), and the coverage computation. */
import { describe, expect, it } from 'vitest'
import { computeCoverage } from '../../harness/model/coverage.ts'
import { countOutcomes, decide, worse } from '../../harness/model/decision.ts'
import type { Outcome } from '../../harness/model/result.ts'
import { FIXTURE_COUNTS, fixtureReport, fixtureRequirements, fixtureResults } from './fixture.ts'

const of = (...outcomes: Outcome[]) => outcomes.map((outcome) => ({ outcome }))

describe('decide', () => {
  it('counts every outcome of the fixture', () => {
    expect(countOutcomes(fixtureResults())).toEqual(FIXTURE_COUNTS)
  })

  const table: [string, Outcome[], string[], string, number][] = [
    ['only passes', ['pass', 'pass'], [], 'conformant', 0],
    ['warn, info and skip do not change the verdict', ['pass', 'warn', 'info', 'skip'], [], 'conformant', 0],
    ['no results and no run error', [], [], 'conformant', 0],
    ['a fail', ['pass', 'fail'], [], 'not-conformant', 1],
    ['a fail and an error: the fail decides', ['fail', 'error', 'pass'], [], 'not-conformant', 1],
    ['an error without any fail', ['pass', 'error'], [], 'incomplete', 2],
    ['a run error, all passing', ['pass'], ['target unreachable'], 'incomplete', 2],
    ['a run error and a fail', ['fail'], ['devnet failed'], 'incomplete', 2],
  ]
  for (const [what, outcomes, runErrors, verdict, exitCode] of table) {
    it(`${what} → ${verdict}, exit ${exitCode}`, () => {
      const decision = decide(of(...outcomes), runErrors)
      expect(decision.verdict).toBe(verdict)
      expect(decision.exitCode).toBe(exitCode)
      expect(decision.summary.total).toBe(outcomes.length)
    })
  }

  it('with a baseline, the exit code follows the differences and the verdict stays truthful', () => {
    const clean = { file: 'b.json', unexpectedFailures: [], unexpectedPasses: [] }
    expect(decide(of('fail', 'pass'), [], clean)).toMatchObject({ verdict: 'not-conformant', exitCode: 0 })
    expect(decide(of('error'), [], clean)).toMatchObject({ verdict: 'incomplete', exitCode: 0 })
    const regression = {
      ...clean,
      unexpectedFailures: [{ key: 'a@v2', expected: 'pass' as const, seen: 'fail' as const }],
    }
    expect(decide(of('fail'), [], regression)).toMatchObject({ exitCode: 1 })
    const improvement = {
      ...clean,
      unexpectedPasses: [{ key: 'a@v2', expected: 'fail' as const, seen: 'pass' as const }],
    }
    expect(decide(of('pass'), [], improvement)).toMatchObject({ verdict: 'conformant', exitCode: 1 })
    expect(decide(of('pass'), ['target unreachable'], clean)).toMatchObject({
      verdict: 'incomplete',
      exitCode: 2,
    })
  })

  it('the fixture report is not conformant with exit code 1', () => {
    const report = fixtureReport()
    expect(report.summary).toEqual(FIXTURE_COUNTS)
    expect([report.verdict, report.exitCode]).toEqual(['not-conformant', 1])
  })
})

describe('computeCoverage', () => {
  it('gives each requirement the worst outcome of the results that check it', () => {
    const coverage = computeCoverage(fixtureRequirements(), fixtureResults())
    const outcome = (id: string) => coverage.requirements.find((r) => r.id === id)?.outcome
    expect(outcome('RS-1')).toBe('pass')
    expect(outcome('RS-18')).toBe('fail') // fail (underpayment) beats error (replay)
    expect(outcome('RS-17')).toBe('warn')
    expect(outcome('RS-21')).toBe('skip')
    expect(outcome('RS-22')).toBeUndefined() // no case
    expect(outcome('RS-29')).toBeUndefined() // a case exists, not selected
    expect(coverage.byRole).toEqual({
      server: { requirements: 10, covered: 9, later: 1 },
      client: { requirements: 3, covered: 3, later: 0 },
      facilitator: { requirements: 3, covered: 3, later: 0 },
      any: { requirements: 1, covered: 0, later: 0 },
    })
  })

  it('drops an outcome left over from an earlier computation', () => {
    const stale = fixtureRequirements().map((r) => ({ ...r, outcome: 'fail' as const }))
    const coverage = computeCoverage(stale, [])
    expect(coverage.requirements.every((r) => r.outcome === undefined)).toBe(true)
  })

  it('orders outcomes fail > error > warn > info > pass > skip', () => {
    expect(worse('pass', 'fail')).toBe('fail')
    expect(worse('error', 'fail')).toBe('fail')
    expect(worse('error', 'warn')).toBe('error')
    expect(worse('info', 'warn')).toBe('warn')
    expect(worse('pass', 'info')).toBe('info')
    expect(worse('skip', 'pass')).toBe('pass')
  })
})
