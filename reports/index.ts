/**
 * The report writers. `writeReports(report, dir)` writes the five files of a report folder:
 * report.json, junit.xml, report.html, summary.md and badge.json.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { RunReport } from '../harness/model/result.ts'
import { formatBadge } from './badge.ts'
import { formatHtml } from './html.ts'
import { formatJsonReport } from './json.ts'
import { formatJunit } from './junit.ts'
import { formatMarkdown } from './markdown.ts'

export {
  applyBaseline,
  type Baseline,
  baselineFromRun,
  readBaseline,
  writeBaseline,
} from '../harness/model/baseline.ts'
export { computeCoverage } from '../harness/model/coverage.ts'
export { decide } from '../harness/model/decision.ts'
export { REPORT_SCHEMA_URL, REPORT_SCHEMA_VERSION } from './json.ts'
export { mergeReports } from './merge.ts'

/** The files of a report folder, by name. */
export const REPORT_FILES = ['report.json', 'junit.xml', 'report.html', 'summary.md', 'badge.json'] as const

/** Every report file's content, by file name. */
export function formatReports(report: RunReport): Record<(typeof REPORT_FILES)[number], string> {
  return {
    'report.json': formatJsonReport(report),
    'junit.xml': formatJunit(report),
    'report.html': formatHtml(report),
    'summary.md': formatMarkdown(report),
    'badge.json': formatBadge(report),
  }
}

/** Writes all report files into `dir` (created if needed); returns their paths. */
export async function writeReports(report: RunReport, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true })
  const files = formatReports(report)
  const paths: string[] = []
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name)
    await writeFile(path, content)
    paths.push(path)
  }
  return paths
}
