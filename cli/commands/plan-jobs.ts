/**
 * Splits a target's cases over workers, one job (one vitest test file) each. A target that can be
 * replicated gets one copy per worker; copies of a `--start` server or facilitator listen on ports the
 * CLI picks here and announces, copy 0 on the user's URL.
 */
import { availableParallelism } from 'node:os'
import { freePort } from '../../harness/devnet/ports.ts'
import type { RunOptions, WorkerJob } from '../../harness/runner/plan.ts'
import { dealCases, type SelectedCase } from '../../harness/runner/select.ts'
import type { RunTarget } from './run-target.ts'

/** Cases per worker above which the automatic worker count adds a worker. */
const CASES_PER_WORKER = 12

/** A target's jobs, and a line announcing its extra copies (when it has some). */
export interface PlannedJobs {
  jobs: WorkerJob[]
  announcement?: string
}

/** Whether a target is a server or facilitator the harness starts on the URL's port. */
export function startsOnUrl(run: RunTarget): boolean {
  return run.target.kind === 'start' && run.target.url !== undefined && run.role !== 'client'
}

/** The jobs of one target. `workers` is `--workers` (automatic when absent). */
export async function planJobs(
  run: RunTarget,
  cases: readonly SelectedCase[],
  suitesModule: string,
  options: RunOptions,
  workers?: number,
): Promise<PlannedJobs> {
  const jobs: WorkerJob[] = []
  const bySuite = new Map<string, SelectedCase[]>()
  for (const selected of cases)
    bySuite.set(selected.suite, [...(bySuite.get(selected.suite) ?? []), selected])
  // Replicas are numbered across the target's suites: only one copy may take the user's port.
  let replica = 0
  const ports: number[] = []
  for (const [suite, ofSuite] of bySuite) {
    const count = run.replicable
      ? (workers ?? Math.min(availableParallelism(), Math.ceil(ofSuite.length / CASES_PER_WORKER)))
      : 1
    for (const bucket of dealCases(ofSuite, count)) {
      const port = startsOnUrl(run) && replica > 0 ? await freePort() : undefined
      if (port !== undefined) ports.push(port)
      jobs.push({
        group: run.group,
        suitesModule,
        suite,
        target: run.target,
        replica,
        ...(port === undefined ? {} : { port }),
        cases: bucket.map((selected) => selected.meta.id),
        options,
      })
      replica += 1
    }
  }
  if (ports.length === 0 || run.target.kind !== 'start' || run.target.url === undefined) return { jobs }
  const userPort = new URL(run.target.url).port || '80'
  return {
    jobs,
    announcement:
      `starting ${ports.length + 1} copies of the target, one per worker, each with its own devnet: ` +
      `on port ${userPort} (the URL's) and ${ports.join(', ')} (PORT tells each its own; --workers 1 starts one copy only)`,
  }
}
