/**
 * What every run command (server, client, facilitator, demo) does once its target is known: select
 * the cases, plan the workers, run them with live progress, then build, compare (baseline) and write
 * one report per target, print where it is and the coverage per role, and return the exit code.
 */
import { availableParallelism } from 'node:os'
import { join, relative } from 'node:path'
import type { CaseMeta } from '../../harness/model/case.ts'
import type { Role, RunReport } from '../../harness/model/result.ts'
import { checkRequirementIds, requirementCoverage, specSnapshot } from '../../harness/runner/catalog.ts'
import type { RunCollector } from '../../harness/runner/collector.ts'
import { launchJobs } from '../../harness/runner/launch.ts'
import type { JobTarget, RunOptions, WorkerJob } from '../../harness/runner/plan.ts'
import { buildReport } from '../../harness/runner/report.ts'
import { randomSeed } from '../../harness/runner/seed.ts'
import { dealCases, type SelectedCase, selectCases, shardOf } from '../../harness/runner/select.ts'
import { DEFAULT_SUITES_MODULE, loadSuites, type RoleSuite } from '../../harness/runner/suite.ts'
import { shellQuote } from '../../harness/targets/client-command.ts'
import { unreachableReason } from '../../harness/targets/reachable.ts'
import { type Baseline, baselineFromRun, readBaseline, writeBaseline } from '../../reports/baseline.ts'
import { computeCoverage } from '../../reports/coverage.ts'
import { writeReports } from '../../reports/index.ts'
import { formatJsonReport } from '../../reports/json.ts'
import type { RunSettings } from '../options.ts'
import { createProgress, paint, useColor } from '../progress.ts'
import { BaselineUsageError } from './run-errors.ts'

/** One target of a run; each gets its own report. */
export interface RunTarget {
  /** Report key; with several targets (demo) also the report sub-folder. */
  group: string
  role: Role
  /** Which registered suites apply to this target. */
  suites: (suite: RoleSuite) => boolean
  target: JobTarget
  /** Whether each worker may start its own copy (start commands, in-process, client commands). */
  replicable: boolean
  /** How the report names the target. */
  describe: { url?: string; command?: string; label?: string }
  /** A URL checked from the CLI before anything starts (URL targets and drivers). */
  precheck?: string
}

/** A target's selection. */
interface Planned {
  run: RunTarget
  cases: SelectedCase[]
  runErrors: string[]
  jobs: WorkerJob[]
}

/** Cases per worker above which the automatic worker count adds a worker. */
const CASES_PER_WORKER = 12

/** Runs the targets; returns the worst exit code (2 over 1 over 0). */
export async function executeRuns(
  argv: readonly string[],
  settings: RunSettings,
  targets: RunTarget[],
): Promise<number> {
  const suitesModule = settings.suitesModule ?? DEFAULT_SUITES_MODULE
  const suites = await loadSuites(suitesModule)
  checkRequirementIds(suites)
  const out = settings.json ? process.stderr : process.stdout

  const all: Planned[] = targets.map((run) => {
    const selected = selectCases(suites.filter(run.suites), settings.filters)
    return {
      run,
      cases: settings.shard ? shardOf(selected, settings.shard) : selected,
      runErrors: [],
      jobs: [],
    }
  })
  // A target the filters leave without cases gets no report; a shard keeps its (possibly empty) report
  // so that merging the shards finds every part.
  const planned = settings.shard || all.length === 1 ? all : all.filter((plan) => plan.cases.length > 0)
  if (planned.every((plan) => plan.cases.length === 0) && !settings.shard) {
    const roles = [...new Set(targets.map((target) => target.role))].join(', ')
    const registered = suites.some((suite) => targets.some((target) => target.suites(suite)))
    throw new Error(
      registered ? 'no case matches the filters' : `no ${roles} suite is registered yet (suites/index.ts)`,
    )
  }
  if (settings.list) {
    for (const plan of planned) for (const selected of plan.cases) out.write(`${listLine(selected.meta)}\n`)
    return 0
  }

  const baseline = settings.baselineFile === undefined ? undefined : await loadBaseline(settings.baselineFile)
  const seed = settings.seed ?? randomSeed()
  const command = commandLine(argv, settings.seed === undefined ? seed : undefined)
  if (!settings.quiet) out.write(`x402-conformance: seed ${seed}\n`)

  const options: RunOptions = {
    timeoutMs: settings.timeoutMs,
    concurrency: settings.concurrency,
    verbose: settings.verbose,
    seed,
    readyTimeoutMs: settings.readyTimeoutMs,
    ...(settings.versions ? { versions: settings.versions } : {}),
    ...(settings.rpcUrl ? { rpcUrl: settings.rpcUrl } : {}),
  }
  for (const plan of planned) {
    if (plan.run.precheck !== undefined && plan.cases.length > 0) {
      const unreachable = await unreachableReason(plan.run.precheck)
      if (unreachable !== undefined) {
        plan.runErrors.push(`target ${plan.run.precheck} is unreachable: ${unreachable}`)
        continue
      }
    }
    plan.jobs = planJobs(plan, suitesModule, options, settings.workers)
  }

  const jobs = planned.flatMap((plan) => plan.jobs)
  const startedAt = new Date()
  const progress = createProgress({ stream: out, quiet: settings.quiet })
  const cases = new Map<string, CaseMeta>(
    planned.flatMap((plan) => plan.cases.map((c) => [c.meta.id, c.meta])),
  )
  const collector: RunCollector | undefined =
    jobs.length === 0
      ? undefined
      : await launchJobs(jobs, {
          // Workers are mostly waiting on HTTP and the chain, but each boot costs CPU and memory.
          maxWorkers: Math.min(jobs.length, 2 * Math.max(2, availableParallelism())),
          concurrency: settings.concurrency,
          cases,
          listener: progress,
          verbose: settings.verbose,
        })
  progress.done()
  const finishedAt = new Date()

  const reports: { report: RunReport; dir: string }[] = []
  for (const plan of planned) {
    const outcome = collector?.groups.get(plan.run.group)
    const report = buildReport({
      role: plan.run.role,
      target: plan.run.describe,
      versions: outcome?.session?.versions ?? settings.versions ?? [],
      startedAt,
      finishedAt,
      seed,
      ...(settings.shard ? { shard: settings.shard } : {}),
      command,
      results: outcome?.results ?? [],
      runErrors: [...plan.runErrors, ...(outcome?.runErrors ?? []), ...(collector?.runErrors ?? [])],
      requirements: requirementCoverage(suites.filter(plan.run.suites), plan.run.role),
      spec: specSnapshot,
      ...(baseline ? { baseline } : {}),
    })
    const dir =
      planned.length === 1 && targets.length === 1
        ? settings.reportDir
        : join(settings.reportDir, plan.run.group)
    await writeReports(report, dir)
    reports.push({ report, dir })
  }
  if (settings.writeBaselineFile !== undefined) {
    const previous = baseline?.content
    const all = reports.flatMap(({ report }) => report.results)
    await writeBaseline(
      settings.writeBaselineFile,
      baselineFromRun(
        { results: all, finishedAt: finishedAt.toISOString() },
        {
          ...(previous ? { previous } : {}),
          target: targets.map((t) => t.describe.label ?? t.group).join(', '),
        },
      ),
    )
  }

  if (settings.json) {
    const json = reports.map(({ report }) => formatJsonReport(report).trimEnd())
    process.stdout.write(`${reports.length === 1 ? json[0] : `[${json.join(',\n')}]`}\n`)
  }
  for (const { report, dir } of reports) printSummary(out, report, dir, targets.length > 1)
  if (!settings.quiet) printCoverage(out, suites)
  return Math.max(...reports.map(({ report }) => report.exitCode))
}

/** Splits a target's cases over workers, one job (test file) each. */
function planJobs(plan: Planned, suitesModule: string, options: RunOptions, workers?: number): WorkerJob[] {
  const jobs: WorkerJob[] = []
  const bySuite = new Map<string, SelectedCase[]>()
  for (const selected of plan.cases)
    bySuite.set(selected.suite, [...(bySuite.get(selected.suite) ?? []), selected])
  for (const [suite, cases] of bySuite) {
    const count = plan.run.replicable
      ? (workers ?? Math.min(availableParallelism(), Math.ceil(cases.length / CASES_PER_WORKER)))
      : 1
    dealCases(cases, count).forEach((bucket, replica) => {
      jobs.push({
        group: plan.run.group,
        suitesModule,
        suite,
        target: plan.run.target,
        replica,
        cases: bucket.map((selected) => selected.meta.id),
        options,
      })
    })
  }
  return jobs
}

async function loadBaseline(file: string): Promise<{ file: string; content: Baseline }> {
  try {
    return { file: relative(process.cwd(), file) || file, content: await readBaseline(file) }
  } catch (error) {
    throw new BaselineUsageError(error instanceof Error ? error.message : String(error))
  }
}

/** The command line that reproduces the run (with the seed it used). */
function commandLine(argv: readonly string[], seed: number | undefined): string {
  const words = [
    'x402-conformance',
    ...argv.map((word) => (/^[\w./:@=,+-]+$/.test(word) ? word : shellQuote(word))),
  ]
  if (seed !== undefined) words.push('--seed', String(seed))
  return words.join(' ')
}

function listLine(meta: CaseMeta): string {
  const versions = meta.versions.map((version) => `v${version}`).join(',')
  return `${meta.id}  [${versions}] ${meta.level}  ${meta.title}`
}

function printSummary(
  out: NodeJS.WritableStream & { isTTY?: boolean },
  report: RunReport,
  dir: string,
  named: boolean,
): void {
  const color = useColor(out)
  const { summary } = report
  const counts = (['pass', 'fail', 'warn', 'info', 'skip', 'error'] as const)
    .filter((outcome) => summary[outcome] > 0)
    .map((outcome) => paint(outcome, `${summary[outcome]} ${outcome}`, color))
    .join(', ')
  const where = displayPath(dir)
  out.write(
    `${named ? `${report.target.label ?? report.target.role}: ` : ''}${report.verdict} (exit ${report.exitCode}): ` +
      `${counts || 'no case ran'}; report: ${join(where, 'report.html')}\n`,
  )
}

function printCoverage(out: NodeJS.WritableStream, suites: readonly RoleSuite[]): void {
  const { byRole } = computeCoverage(requirementCoverage(suites), [])
  const parts = Object.entries(byRole).map(
    ([role, { requirements, covered, later }]) =>
      `${role} ${covered}/${requirements - later}${later ? ` (+${later} later)` : ''}`,
  )
  out.write(`coverage (in-scope requirements with at least one case): ${parts.join(', ')}\n`)
}

/** A path relative to the working directory when it lies below it, else absolute. */
export function displayPath(path: string): string {
  const shown = relative(process.cwd(), path)
  return shown === '' ? '.' : shown.startsWith('..') ? path : shown
}
