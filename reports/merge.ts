/**
 * Merges the reports of a sharded run (`--shard i/n`) into one report, as if the run had not been split:
 * results concatenated in shard order, counts, coverage, verdict and exit code computed again, the earliest
 * start and the latest finish. A shard that is missing becomes a run error, so the merged run is
 * `incomplete` (exit 2) rather than silently smaller. Reports of different suites, spec commits or roles,
 * or two shards that ran the same case at the same version, are refused with a `MergeError`.
 */

import type { BaselineComparison } from '../harness/model/baseline.ts'
import { computeCoverage } from '../harness/model/coverage.ts'
import { decide } from '../harness/model/decision.ts'
import { resultKey } from '../harness/model/key.ts'
import type { RequirementCoverage, RunReport } from '../harness/model/result.ts'

/** Reports that cannot be merged; the message says which and why. */
export class MergeError extends Error {
  override name = 'MergeError'
}

/** Merges shard reports into one `RunReport` (see the module comment for the rules). */
export function mergeReports(reports: readonly RunReport[]): RunReport {
  const first = reports[0]
  if (first === undefined) throw new MergeError('no reports to merge')
  for (const report of reports) checkCompatible(first, report)

  const shards = orderShards(reports)
  const runErrors: string[] = []
  const count = first.shard?.count
  if (count !== undefined) {
    const present = new Set(shards.map((report) => report.shard!.index))
    for (let index = 1; index <= count; index++) {
      if (!present.has(index)) runErrors.push(`shard ${index}/${count} is missing from the merge`)
    }
  }
  for (const report of shards) {
    const prefix = report.shard === undefined ? '' : `shard ${report.shard.index}/${report.shard.count}: `
    for (const message of report.runErrors) runErrors.push(`${prefix}${message}`)
  }

  const results = shards.flatMap((report) => report.results)
  const seen = new Set<string>()
  for (const result of results) {
    const key = resultKey(result)
    if (seen.has(key)) throw new MergeError(`${key} appears in more than one report`)
    seen.add(key)
  }

  const baseline = mergeBaselines(shards)
  const startedAt = pick(
    shards,
    (report) => report.startedAt,
    (a, b) => a < b,
  )
  const finishedAt = pick(
    shards,
    (report) => report.finishedAt,
    (a, b) => a > b,
  )
  const { shard: _shard, baseline: _baseline, ...base } = first
  return {
    ...base,
    target: {
      ...first.target,
      versions: [...new Set(shards.flatMap((r) => r.target.versions))].sort((a, b) => a - b),
    },
    startedAt,
    finishedAt,
    durationMs: Math.max(0, Date.parse(finishedAt) - Date.parse(startedAt)),
    command: withoutShardOption(first.command),
    results,
    coverage: computeCoverage(unionRequirements(shards), results),
    ...(baseline === undefined ? {} : { baseline }),
    runErrors,
    ...decide(results, runErrors, baseline),
  }
}

/** The command line without its `--shard i/n` option, i.e. the command of the whole run. */
export function withoutShardOption(command: string): string {
  return command.replace(/\s+--shard(?:=|\s+)\d+\/\d+(?=\s|$)/g, '')
}

function checkCompatible(first: RunReport, report: RunReport): void {
  const same = (what: string, a: unknown, b: unknown): void => {
    if (a !== b) throw new MergeError(`reports differ in ${what} (${String(a)} vs ${String(b)})`)
  }
  same('schemaVersion', first.schemaVersion, report.schemaVersion)
  same('suite version', first.suite.version, report.suite.version)
  same('spec commit', first.spec.commit, report.spec.commit)
  same('target role', first.target.role, report.target.role)
  same('sharding', first.shard === undefined, report.shard === undefined)
  same('shard count', first.shard?.count, report.shard?.count)
}

function orderShards(reports: readonly RunReport[]): RunReport[] {
  const indexes = new Set<number>()
  for (const report of reports) {
    if (report.shard === undefined) continue
    const { index, count } = report.shard
    if (!Number.isInteger(index) || index < 1 || index > count) {
      throw new MergeError(`shard ${index}/${count} is not a valid shard`)
    }
    if (indexes.has(index)) throw new MergeError(`shard ${index}/${count} is given twice`)
    indexes.add(index)
  }
  return [...reports].sort((a, b) => (a.shard?.index ?? 0) - (b.shard?.index ?? 0))
}

function unionRequirements(reports: readonly RunReport[]): RequirementCoverage[] {
  const byId = new Map<string, RequirementCoverage>()
  for (const report of reports) {
    for (const requirement of report.coverage.requirements) {
      const known = byId.get(requirement.id)
      if (known === undefined) byId.set(requirement.id, { ...requirement, cases: [...requirement.cases] })
      else known.cases = [...new Set([...known.cases, ...requirement.cases])]
    }
  }
  return [...byId.values()]
}

function mergeBaselines(reports: readonly RunReport[]): BaselineComparison | undefined {
  const withBaseline = reports.filter((report) => report.baseline !== undefined)
  const firstBaseline = withBaseline[0]?.baseline
  if (firstBaseline === undefined) return undefined
  if (withBaseline.length !== reports.length)
    throw new MergeError('only some reports were compared to a baseline')
  for (const report of withBaseline) {
    if (report.baseline!.file !== firstBaseline.file) {
      throw new MergeError(
        `reports were compared to different baselines (${firstBaseline.file} vs ${report.baseline!.file})`,
      )
    }
  }
  const byKey = (a: { key: string }, b: { key: string }): number =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : 0
  return {
    file: firstBaseline.file,
    unexpectedFailures: withBaseline.flatMap((report) => report.baseline!.unexpectedFailures).sort(byKey),
    unexpectedPasses: withBaseline.flatMap((report) => report.baseline!.unexpectedPasses).sort(byKey),
  }
}

/** The timestamp that wins `better` (compared as instants, returned as written). */
function pick(
  reports: readonly RunReport[],
  get: (report: RunReport) => string,
  better: (a: number, b: number) => boolean,
): string {
  let best = get(reports[0]!)
  for (const report of reports) {
    const value = get(report)
    if (better(Date.parse(value), Date.parse(best))) best = value
  }
  return best
}
