/**
 * What a run prints besides progress: run errors (one line each, on stderr, also with --quiet and
 * --json), baseline differences (stderr), the one-line verdict per report and the coverage line.
 */
import { join, relative } from 'node:path'
import { computeCoverage } from '../harness/model/coverage.ts'
import type { RunReport } from '../harness/model/result.ts'
import type { RoleSuite } from '../harness/runner/suite.ts'
import { unpaidNote } from '../suites/server/unpaid.ts'
import { paint, useColor } from './progress.ts'
import { requirementCoverage } from './requirements.ts'

/** Prints each distinct run error once on stderr, as `x402-conformance <command>: run error: …`. */
export function runErrorPrinter(command: string): (message: string) => void {
  const printed = new Set<string>()
  return (message) => {
    if (printed.has(message)) return
    printed.add(message)
    process.stderr.write(`x402-conformance ${command}: run error: ${message}\n`)
  }
}

/** The baseline's differences on stderr: a count with the exit code, then one line per result. */
export function printBaselineDifferences(command: string, report: RunReport, named: boolean): void {
  const baseline = report.baseline
  if (baseline === undefined) return
  const lines = [
    ...baseline.unexpectedFailures.map(
      (d) => `  unexpected failure ${d.key}: expected ${d.expected}, seen ${d.seen}`,
    ),
    ...baseline.unexpectedPasses.map(
      (d) => `  unexpected pass ${d.key}: expected ${d.expected}, seen ${d.seen} (update the baseline)`,
    ),
  ]
  if (lines.length === 0) return
  const who = named ? `${report.target.label ?? report.target.role}: ` : ''
  const count = lines.length === 1 ? '1 difference' : `${lines.length} differences`
  process.stderr.write(
    `x402-conformance ${command}: ${who}${count} from baseline ${baseline.file} (exit ${report.exitCode}):\n${lines.join('\n')}\n`,
  )
}

/**
 * `verdict (exit n): counts[; N payment cases could not run: why]; report: <dir>/report.html`, with the
 * target's name when there are several.
 */
export function printSummary(
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
  out.write(
    `${named ? `${report.target.label ?? report.target.role}: ` : ''}${report.verdict} (exit ${report.exitCode}): ` +
      `${counts || 'no case ran'}${unpaidNote(report.results)}; report: ${join(displayPath(dir), 'report.html')}\n`,
  )
}

/** Requirements with at least one case, per role. */
export function printCoverage(out: NodeJS.WritableStream, suites: readonly RoleSuite[]): void {
  const requirements = requirementCoverage(suites)
  const { byRole } = computeCoverage(requirements, [])
  const parts = Object.entries(byRole).map(
    ([role, { requirements, covered, later }]) =>
      `${role} ${covered}/${requirements - later}${later ? ` (+${later} later)` : ''}`,
  )
  out.write(`coverage (in-scope requirements with at least one case): ${parts.join(', ')}\n`)
  // The figure a certification reads: every MUST the catalogue puts in scope now, with a case or not.
  const musts = requirements.filter((r) => r.level === 'MUST' && r.scope !== 'later')
  const covered = musts.filter((r) => r.cases.length > 0)
  const share = musts.length === 0 ? 0 : (100 * covered.length) / musts.length
  const missing = musts.filter((r) => r.cases.length === 0).map((r) => r.id)
  out.write(
    `in-scope MUSTs with a case: ${covered.length}/${musts.length} (${share.toFixed(1)}%)` +
      `${missing.length > 0 ? `; none yet for ${missing.join(', ')}` : ''}\n`,
  )
}

/** A path relative to the working directory when it lies below it, else absolute. */
export function displayPath(path: string): string {
  const shown = relative(process.cwd(), path)
  return shown === '' ? '.' : shown.startsWith('..') ? path : shown
}
