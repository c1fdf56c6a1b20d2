/** Merging shard reports: results, counts, coverage, times, missing and conflicting shards. */
import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { applyBaseline, baselineFromRun } from '../../harness/model/baseline.ts'
import { computeCoverage } from '../../harness/model/coverage.ts'
import type { RunReport } from '../../harness/model/result.ts'
import { formatJsonReport, REPORT_SCHEMA_URL } from '../../reports/json.ts'
import { MergeError, mergeReports, withoutShardOption } from '../../reports/merge.ts'
import { FIXTURE_COUNTS, fixtureReport, fixtureRequirements, fixtureResults } from './fixture.ts'

const TIMES = [
  ['2026-11-21T07:24:36.000Z', '2026-11-21T07:24:50.000Z'],
  ['2026-11-21T07:24:35.500Z', '2026-11-21T07:25:02.000Z'],
  ['2026-11-21T07:24:37.000Z', '2026-11-21T07:24:59.999Z'],
] as const

/** The fixture run split into three shards the way `--shard i/3` would (round robin). */
function shards(): RunReport[] {
  const all = fixtureResults()
  return [1, 2, 3].map((index) => {
    const results = all.filter((_, i) => i % 3 === index - 1)
    const [startedAt, finishedAt] = TIMES[index - 1]!
    return fixtureReport({
      results,
      coverage: computeCoverage(fixtureRequirements(), results),
      shard: { index, count: 3 },
      startedAt,
      finishedAt,
      durationMs: Date.parse(finishedAt) - Date.parse(startedAt),
      command: `x402-conformance server http://127.0.0.1:4021/weather --shard ${index}/3 --seed 424242`,
    })
  })
}

describe('mergeReports', () => {
  it('merges shards into the report of the whole run', () => {
    const parts = shards()
    expect(parts.map((p) => p.summary.total)).toEqual([4, 4, 4])
    const merged = mergeReports([parts[2]!, parts[0]!, parts[1]!]) // any order in
    expect(merged.results.map((r) => `${r.id}@v${r.version}`).sort()).toEqual(
      fixtureResults()
        .map((r) => `${r.id}@v${r.version}`)
        .sort(),
    )
    expect(merged.results.slice(0, 4)).toEqual(parts[0]!.results) // shard order out
    expect(merged.summary).toEqual(FIXTURE_COUNTS)
    expect(merged.coverage).toEqual(computeCoverage(fixtureRequirements(), fixtureResults()))
    // RS-18: fail in one shard, error in another: the merge sees both
    expect(merged.coverage.requirements.find((r) => r.id === 'RS-18')?.outcome).toBe('fail')
    expect(merged.startedAt).toBe('2026-11-21T07:24:35.500Z')
    expect(merged.finishedAt).toBe('2026-11-21T07:25:02.000Z')
    expect(merged.durationMs).toBe(26_500)
    expect(merged.shard).toBeUndefined()
    expect(merged.command).toBe('x402-conformance server http://127.0.0.1:4021/weather --seed 424242')
    expect([merged.verdict, merged.exitCode]).toEqual(['not-conformant', 1])
    expect(merged.runErrors).toEqual([])
  })

  it('writes a merged report that still validates against the schema', () => {
    const validate = new Ajv2020({ strict: true }).compile(
      JSON.parse(readFileSync(REPORT_SCHEMA_URL, 'utf8')),
    )
    const merged = JSON.parse(formatJsonReport(mergeReports(shards())))
    expect(validate(merged), JSON.stringify(validate.errors)).toBe(true)
  })

  it('a missing shard makes the merged run incomplete', () => {
    const [first, , third] = shards()
    const merged = mergeReports([first!, third!])
    expect(merged.runErrors).toEqual(['shard 2/3 is missing from the merge'])
    expect([merged.verdict, merged.exitCode]).toEqual(['incomplete', 2])
  })

  it('keeps run errors, saying which shard had them', () => {
    const parts = shards()
    parts[1] = { ...parts[1]!, runErrors: ['target unreachable'] }
    expect(mergeReports(parts).runErrors).toEqual(['shard 2/3: target unreachable'])
  })

  it('one failing shard makes the whole run not conformant', () => {
    const parts = shards().map((p) => ({
      ...p,
      results: p.results.filter((r) => r.outcome !== 'fail' && r.outcome !== 'error'),
    }))
    expect(mergeReports(parts).exitCode).toBe(0)
    parts[2] = shards()[2]!
    expect(mergeReports(parts).verdict).toBe('not-conformant')
  })

  it('merges baseline comparisons and decides the exit code from them', () => {
    const baseline = baselineFromRun(fixtureReport())
    const parts = shards().map((p) => applyBaseline(p, baseline, 'b.json'))
    const clean = mergeReports(parts)
    expect(clean.baseline).toEqual({ file: 'b.json', unexpectedFailures: [], unexpectedPasses: [] })
    expect(clean.exitCode).toBe(0)
    const regressed = shards()
    regressed[0] = {
      ...regressed[0]!,
      results: regressed[0]!.results.map((r, i) => (i === 0 ? { ...r, outcome: 'fail' as const } : r)),
    }
    const merged = mergeReports(regressed.map((p) => applyBaseline(p, baseline, 'b.json')))
    expect(merged.baseline?.unexpectedFailures).toHaveLength(1)
    expect(merged.exitCode).toBe(1)
  })

  it('refuses reports that do not belong together', () => {
    const parts = shards()
    expect(() => mergeReports([])).toThrow(MergeError)
    expect(() => mergeReports([parts[0]!, parts[0]!])).toThrow('shard 1/3 is given twice')
    expect(() =>
      mergeReports([parts[0]!, { ...parts[1]!, spec: { ...parts[1]!.spec, commit: 'abc' } }]),
    ).toThrow('spec commit')
    expect(() => mergeReports([parts[0]!, { ...parts[1]!, shard: { index: 2, count: 4 } }])).toThrow(
      'shard count',
    )
    const duplicate = { ...parts[1]!, results: [...parts[1]!.results, parts[0]!.results[0]!] }
    expect(() => mergeReports([parts[0]!, duplicate, parts[2]!])).toThrow(
      'server.challenge.status-402@v2 appears in more than one report',
    )
    expect(() => mergeReports([parts[0]!, { ...parts[1]!, shard: { index: 5, count: 3 } }])).toThrow(
      'not a valid shard',
    )
  })

  it('strips --shard in both spellings', () => {
    expect(withoutShardOption('x server u --shard 2/4 --seed 1')).toBe('x server u --seed 1')
    expect(withoutShardOption('x server u --shard=2/4')).toBe('x server u')
  })
})
