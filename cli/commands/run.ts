/**
 * What every run command (server, client, facilitator, demo) does once its target is known: select
 * the cases, check what can be checked before anything starts, plan the workers, run them with live
 * progress, then build, compare (baseline) and write one report per target, print where it is and the
 * coverage per role, and return the exit code.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Baseline, baselineFromRun, readBaseline, writeBaseline } from '../../harness/model/baseline.ts'
import type { CaseMeta } from '../../harness/model/case.ts'
import type { RunReport } from '../../harness/model/result.ts'
import type { RunCollector } from '../../harness/runner/collector.ts'
import { launchJobs } from '../../harness/runner/launch.ts'
import type { RunOptions, WorkerJob } from '../../harness/runner/plan.ts'
import { buildReport } from '../../harness/runner/report.ts'
import { randomSeed } from '../../harness/runner/seed.ts'
import { type SelectedCase, selectCases, shardOf } from '../../harness/runner/select.ts'
import { loadSuites } from '../../harness/runner/suite.ts'
import type { X402Version } from '../../harness/wire/types.ts'
import { writeReports } from '../../reports/index.ts'
import { formatJsonReport } from '../../reports/json.ts'
import type { RunSettings } from '../options.ts'
import { createProgress } from '../progress.ts'
import { type Invocation, reproduceCommand } from '../reproduce.ts'
import { checkRequirementIds, requirementCoverage, specSnapshot } from '../requirements.ts'
import {
  displayPath,
  printBaselineDifferences,
  printCoverage,
  printSummary,
  runErrorPrinter,
} from '../run-output.ts'
import { DEFAULT_SUITES_MODULE } from '../suites-module.ts'
import { planJobs, startsOnUrl } from './plan-jobs.ts'
import { devnetProblem, targetProblem } from './preflight.ts'
import { BaselineUsageError } from './run-errors.ts'
import type { RunTarget } from './run-target.ts'

export type { Invocation } from '../reproduce.ts'
export type { RunTarget } from './run-target.ts'

/** A target's selection. */
interface Planned {
  run: RunTarget
  cases: SelectedCase[]
  runErrors: string[]
  jobs: WorkerJob[]
}

const ALL_VERSIONS: readonly X402Version[] = [1, 2]

/** Runs the targets; returns the worst exit code (2 over 1 over 0). */
export async function executeRuns(
  invocation: Invocation,
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
  const command = reproduceCommand(invocation, settings.seed === undefined ? seed : undefined)
  if (!settings.quiet) out.write(`x402-conformance: seed ${seed}\n`)
  const runError = runErrorPrinter(invocation.command)

  const options: RunOptions = {
    timeoutMs: settings.timeoutMs,
    concurrency: settings.concurrency,
    verbose: settings.verbose,
    seed,
    readyTimeoutMs: settings.readyTimeoutMs,
    ...(settings.versions ? { versions: settings.versions } : {}),
    ...(settings.rpcUrl ? { rpcUrl: settings.rpcUrl } : {}),
  }
  const gateDir = planned.some((plan) => startsOnUrl(plan.run))
    ? await mkdtemp(join(tmpdir(), 'x402-copies-'))
    : undefined
  try {
    const devnet = settings.rpcUrl === undefined ? undefined : await devnetProblem(settings.rpcUrl)
    for (const plan of planned) {
      if (plan.cases.length === 0) continue
      const problem = devnet ?? (await targetProblem(plan.run))
      if (problem !== undefined) {
        plan.runErrors.push(problem)
        runError(problem)
        continue
      }
      const jobOptions = startsOnUrl(plan.run) && gateDir !== undefined ? { ...options, gateDir } : options
      const { jobs, announcement } = await planJobs(
        plan.run,
        plan.cases,
        suitesModule,
        jobOptions,
        settings.workers,
      )
      plan.jobs = jobs
      if (announcement !== undefined && !settings.quiet) out.write(`x402-conformance: ${announcement}\n`)
    }

    const jobs = planned.flatMap((plan) => plan.jobs)
    const startedAt = new Date()
    const byGroup = new Map(planned.map((plan) => [plan.run.group, plan.cases]))
    const progress = createProgress({
      stream: out,
      quiet: settings.quiet,
      total: (group, versions) =>
        caseRuns(byGroup.get(group) ?? [], versions ?? settings.versions ?? ALL_VERSIONS),
    })
    const notices = new Set<string>()
    const cases = new Map<string, CaseMeta>(
      planned.flatMap((plan) => plan.cases.map((c) => [c.meta.id, c.meta])),
    )
    // Copies of a started target wait for each other (copies.ts): they must all have a worker at once.
    const taking = jobs.filter((job) => job.options.gateDir !== undefined).length
    const collector: RunCollector | undefined =
      jobs.length === 0
        ? undefined
        : await launchJobs(jobs, {
            // Workers are mostly waiting on HTTP and the chain, but each boot costs CPU and memory.
            maxWorkers: Math.max(taking, Math.min(jobs.length, 2 * Math.max(2, availableParallelism()))),
            concurrency: settings.concurrency,
            cases,
            listener: {
              ...progress,
              session(group, session) {
                progress.session?.(group, session)
                // Announced once per target: every later copy would say the same.
                if (session.notice === undefined || notices.has(group)) return
                notices.add(group)
                if (!settings.quiet) progress.note(`x402-conformance: ${session.notice}`)
              },
              runError,
            },
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
      const results = reports.flatMap(({ report }) => report.results)
      await writeBaseline(
        settings.writeBaselineFile,
        baselineFromRun(
          { results, finishedAt: finishedAt.toISOString() },
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
    const named = targets.length > 1
    for (const { report } of reports) printBaselineDifferences(invocation.command, report, named)
    for (const { report, dir } of reports) printSummary(out, report, dir, named)
    if (!settings.quiet) printCoverage(out, suites)
    return Math.max(...reports.map(({ report }) => report.exitCode))
  } finally {
    if (gateDir !== undefined) await rm(gateDir, { recursive: true, force: true })
  }
}

/** Case runs of `cases` at `versions`: the progress total. */
function caseRuns(cases: readonly SelectedCase[], versions: readonly X402Version[]): number {
  return cases.reduce(
    (sum, selected) => sum + selected.meta.versions.filter((version) => versions.includes(version)).length,
    0,
  )
}

async function loadBaseline(file: string): Promise<{ file: string; content: Baseline }> {
  try {
    return { file: displayPath(file), content: await readBaseline(file) }
  } catch (error) {
    throw new BaselineUsageError(error instanceof Error ? error.message : String(error))
  }
}

function listLine(meta: CaseMeta): string {
  const versions = meta.versions.map((version) => `v${version}`).join(',')
  return `${meta.id}  [${versions}] ${meta.level}  ${meta.title}`
}
