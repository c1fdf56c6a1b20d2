/**
 * Assembles a `RunReport` from what a run produced: results in a stable order, the target, the seed
 * and shard, requirement coverage against the catalogue, and the verdict and exit code
 * (harness/model/decision.ts), with the baseline ratchet applied when a baseline was given.
 */

import { applyBaseline, type Baseline } from '../model/baseline.ts'
import { computeCoverage } from '../model/coverage.ts'
import { decide } from '../model/decision.ts'
import type { CaseResult, RequirementCoverage, Role, RunReport } from '../model/result.ts'
import { packageInfo } from '../package-info.ts'
import type { X402Version } from '../wire/types.ts'
import type { Shard } from './select.ts'

/** What the runner knows at the end of a run. */
export interface ReportInput {
  role: Role
  target: { url?: string; command?: string; label?: string }
  versions: X402Version[]
  startedAt: Date
  finishedAt: Date
  seed: number
  shard?: Shard
  command: string
  results: CaseResult[]
  runErrors: string[]
  /** The catalogue's requirements for this role (see `catalog.ts`). */
  requirements: RequirementCoverage[]
  spec: { repository: string; commit: string }
  baseline?: { file: string; content: Baseline }
}

/** Builds the report; its `verdict` and `exitCode` follow model/decision.ts. */
export function buildReport(input: ReportInput): RunReport {
  const results = [...input.results].sort(
    (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) || a.version - b.version,
  )
  const report: RunReport = {
    schemaVersion: '1.0.0',
    suite: { name: 'x402-conformance', version: packageInfo().version },
    spec: input.spec,
    target: { role: input.role, ...input.target, versions: [...input.versions].sort((a, b) => a - b) },
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    durationMs: input.finishedAt.getTime() - input.startedAt.getTime(),
    seed: input.seed,
    ...(input.shard === undefined ? {} : { shard: input.shard }),
    command: input.command,
    results,
    coverage: computeCoverage(input.requirements, results),
    runErrors: input.runErrors,
    ...decide(results, input.runErrors),
  }
  return input.baseline === undefined
    ? report
    : applyBaseline(report, input.baseline.content, input.baseline.file)
}
