/** The baseline ratchet in both directions, and baseline files (write, read back, refuse broken ones). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  applyBaseline,
  type Baseline,
  BaselineError,
  baselineFromRun,
  compareToBaseline,
  parseBaseline,
  readBaseline,
  writeBaseline,
} from '../../harness/model/baseline.ts'
import type { CaseResult, Outcome } from '../../harness/model/result.ts'
import { fixtureReport, fixtureResults } from './fixture.ts'

const dir = mkdtempSync(join(tmpdir(), 'x402-baseline-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The fixture results with one result's outcome changed. */
function withOutcome(id: string, version: 1 | 2, outcome: Outcome): CaseResult[] {
  return fixtureResults().map((r) => (r.id === id && r.version === version ? { ...r, outcome } : r))
}

describe('baseline ratchet', () => {
  const baseline = baselineFromRun(fixtureReport())

  it('a run that matches its baseline has no differences and exits 0 despite expected failures', () => {
    const report = applyBaseline(fixtureReport(), baseline, 'b.json')
    expect(report.baseline).toEqual({ file: 'b.json', unexpectedFailures: [], unexpectedPasses: [] })
    expect(report.summary.fail).toBe(3)
    expect([report.verdict, report.exitCode]).toEqual(['not-conformant', 0])
  })

  it('an unexpected failure (expected pass, got fail) is reported and exits 1', () => {
    const results = withOutcome('server.challenge.status-402', 2, 'fail')
    const report = applyBaseline(fixtureReport({ results }), baseline, 'b.json')
    expect(report.baseline?.unexpectedFailures).toEqual([
      { key: 'server.challenge.status-402@v2', expected: 'pass', seen: 'fail' },
    ])
    expect(report.baseline?.unexpectedPasses).toEqual([])
    expect(report.exitCode).toBe(1)
  })

  it('an unexpected pass (expected fail, got pass) is reported and exits 1', () => {
    const results = withOutcome('server.payment.underpayment', 2, 'pass')
    const report = applyBaseline(fixtureReport({ results }), baseline, 'b.json')
    expect(report.baseline?.unexpectedPasses).toEqual([
      { key: 'server.payment.underpayment@v2', expected: 'fail', seen: 'pass' },
    ])
    expect(report.baseline?.unexpectedFailures).toEqual([])
    expect(report.exitCode).toBe(1)
  })

  it('covers every pairing the rule names', () => {
    const diff = (expected: Outcome, seen: Outcome) => {
      const result = { id: 'server.x.y', version: 2 as const, outcome: seen }
      const { unexpectedFailures, unexpectedPasses } = compareToBaseline(
        [result],
        { ...baseline, expected: { 'server.x.y@v2': expected } },
        'b',
      )
      return unexpectedFailures.length > 0 ? 'failure' : unexpectedPasses.length > 0 ? 'pass' : 'same'
    }
    for (const expected of ['pass', 'warn', 'info', 'skip'] as const) {
      expect(diff(expected, 'fail'), `${expected}→fail`).toBe('failure')
      expect(diff(expected, 'error'), `${expected}→error`).toBe('failure')
      expect(diff(expected, 'pass'), `${expected}→pass`).toBe('same')
    }
    for (const expected of ['fail', 'error'] as const) {
      expect(diff(expected, 'pass'), `${expected}→pass`).toBe('pass')
      expect(diff(expected, 'warn'), `${expected}→warn`).toBe('pass')
      expect(diff(expected, 'fail'), `${expected}→fail`).toBe('same')
      expect(diff(expected, 'error'), `${expected}→error`).toBe('same')
      expect(diff(expected, 'skip'), `${expected}→skip`).toBe('same')
    }
  })

  it('a result missing from the baseline is expected to pass; baseline keys the run did not select are ignored', () => {
    const empty: Baseline = { ...baseline, expected: { 'server.not.selected@v1': 'fail' } }
    const comparison = compareToBaseline(fixtureResults(), empty, 'b')
    expect(comparison.unexpectedFailures.map((d) => d.key)).toEqual([
      'client.budget.overpay@v2',
      'facilitator.settle.double@v1',
      'server.payment.replay@v1',
      'server.payment.underpayment@v2',
    ])
    expect(comparison.unexpectedPasses).toEqual([])
  })

  it('run errors still exit 2 with a matching baseline', () => {
    const report = applyBaseline(fixtureReport({ runErrors: ['devnet failed'] }), baseline, 'b.json')
    expect(report.exitCode).toBe(2)
  })
})

describe('baseline files', () => {
  it('writes a run as a baseline and reads it back', async () => {
    const file = join(dir, 'baseline.json')
    const baseline = baselineFromRun(fixtureReport(), { target: '@x402/express 2.27.0' })
    await writeBaseline(file, baseline)
    const read = await readBaseline(file)
    expect(read).toEqual(baseline)
    expect(read.expected).toMatchObject({
      'server.challenge.status-402@v1': 'pass',
      'server.challenge.status-402@v2': 'pass',
      'server.payment.underpayment@v2': 'fail',
      'server.payment.replay@v1': 'error',
      'server.payment.permit2-allowance@v2': 'skip',
    })
    expect(Object.keys(read.expected)).toHaveLength(12)
    expect(Object.keys(read.expected)).toEqual([...Object.keys(read.expected)].sort())
  })

  it('a filtered run updates only what it ran and keeps notes', () => {
    const previous: Baseline = {
      schemaVersion: 1,
      suite: 'x402-conformance',
      createdAt: '2026-01-01T00:00:00.000Z',
      expected: { 'server.other.case@v2': 'fail', 'server.payment.underpayment@v2': 'pass' },
      notes: { 'server.other.case@v2': 'x402-foundation/x402#2397' },
    }
    const next = baselineFromRun(fixtureReport(), { previous })
    expect(next.expected['server.other.case@v2']).toBe('fail')
    expect(next.expected['server.payment.underpayment@v2']).toBe('fail')
    expect(next.notes).toEqual(previous.notes)
    expect(next.createdAt).toBe('2026-11-21T07:25:10.250Z')
  })

  it('refuses broken baseline files with a message naming the file and the problem', async () => {
    const bad: [string, string][] = [
      ['not json', 'not JSON'],
      [
        JSON.stringify({ schemaVersion: 2, suite: 'x402-conformance', createdAt: 'x', expected: {} }),
        'schemaVersion',
      ],
      [
        JSON.stringify({
          schemaVersion: 1,
          suite: 'x402-conformance',
          createdAt: 'x',
          expected: { 'a@v2': 'passed' },
        }),
        'expected.a@v2',
      ],
      [
        JSON.stringify({
          schemaVersion: 1,
          suite: 'x402-conformance',
          createdAt: 'x',
          expected: { 'no-version': 'pass' },
        }),
        '<caseId>@v<version>',
      ],
    ]
    for (const [text, problem] of bad) {
      expect(() => parseBaseline(text, 'ci/expect.json'), text).toThrow(BaselineError)
      expect(() => parseBaseline(text, 'ci/expect.json'), text).toThrow(/ci\/expect\.json/)
      expect(() => parseBaseline(text, 'ci/expect.json'), text).toThrow(problem)
    }
    const missing = join(dir, 'missing.json')
    await expect(readBaseline(missing)).rejects.toThrow(/missing\.json: cannot read baseline \(ENOENT\)/)
    writeFileSync(join(dir, 'bad.json'), '{')
    await expect(readBaseline(join(dir, 'bad.json'))).rejects.toThrow(BaselineError)
  })
})
