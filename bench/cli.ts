/**
 * The x402-conformance CLI as a benchmark runs it: in its own process from the project root, timed from
 * start to exit, with the outcome counts of the report it wrote.
 */
import { spawnSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The project root (where bin/ and x402-report/ are). */
export const root: string = fileURLToPath(new URL('..', import.meta.url))

/** One CLI run, as the process ended. Times in ms. */
export interface CliProcess {
  /** Process start to exit. */
  wallMs: number
  exitCode: number | null
  stderr: string
  /** The report.json it wrote (if it wrote one). */
  reportFile: string
}

/** One CLI run with the outcomes of its report. */
export interface CliRun extends CliProcess {
  /** Case runs in the report, by outcome (empty when there is no readable report). */
  outcomes: Record<string, number>
}

/**
 * Runs `x402-conformance <args> --report x402-report/<report> --quiet` and waits for it to exit.
 * `env` is the child's whole environment (default: this process's).
 */
export function spawnCli(
  args: readonly string[],
  report: string,
  env: NodeJS.ProcessEnv = process.env,
): CliProcess {
  const reportDir = join(root, 'x402-report', report)
  const started = performance.now()
  const cli = spawnSync(
    process.execPath,
    [join(root, 'bin/x402-conformance.js'), ...args, '--report', reportDir, '--quiet'],
    { cwd: root, encoding: 'utf8', env },
  )
  return {
    wallMs: performance.now() - started,
    exitCode: cli.status,
    stderr: cli.stderr,
    reportFile: join(reportDir, 'report.json'),
  }
}

/** {@link spawnCli}, then the outcome counts of the report it wrote. */
export async function runCli(
  args: readonly string[],
  report: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CliRun> {
  const cli = spawnCli(args, report, env)
  return { ...cli, outcomes: await outcomeCounts(cli.reportFile) }
}

/** Outcome counts of a report.json; empty when it is missing or unreadable. */
async function outcomeCounts(file: string): Promise<Record<string, number>> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as { results?: { outcome: string }[] }
    const counts: Record<string, number> = {}
    for (const result of parsed.results ?? []) counts[result.outcome] = (counts[result.outcome] ?? 0) + 1
    return counts
  } catch {
    return {}
  }
}

/** Outcome counts in one line: `12 pass, 1 info`. */
export function describeOutcomes(outcomes: Record<string, number>): string {
  return Object.entries(outcomes)
    .map(([outcome, count]) => `${count} ${outcome}`)
    .join(', ')
}
