/**
 * `x402-conformance merge <dir...> --report <dir>`: merges the report folders of a sharded run
 * (`--shard i/n`) into one report folder, as if the run had not been split, and exits with its code.
 */
import { readFile, stat } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { RunReport } from '../../harness/model/result.ts'
import { writeReports } from '../../reports/index.ts'
import { formatJsonReport } from '../../reports/json.ts'
import { mergeReports } from '../../reports/merge.ts'
import { UsageError } from '../usage.ts'

/** `merge --help`. */
export const mergeUsage = `usage: x402-conformance merge <dir|report.json>... --report <dir> [--json] [--quiet]

  merges the reports of a sharded run (--shard i/n) into one report folder`

/** Merges shard reports; returns the merged run's exit code. */
export async function mergeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      report: { type: 'string' },
      json: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  })
  if (values.help) {
    process.stdout.write(`${mergeUsage}\n`)
    return 0
  }
  if (positionals.length === 0) throw new UsageError('merge needs at least one report folder')
  if (values.report === undefined) throw new UsageError('merge needs --report <dir> for the merged report')
  const reports = await Promise.all(positionals.map(readReport))
  const merged = mergeReports(reports)
  const dir = resolve(values.report)
  await writeReports(merged, dir)
  if (values.json) process.stdout.write(formatJsonReport(merged))
  const out = values.json ? process.stderr : process.stdout
  const { summary } = merged
  out.write(
    `merged ${reports.length} reports: ${merged.verdict} (exit ${merged.exitCode}): ${summary.total} results, ` +
      `${summary.fail} fail, ${summary.error} error; report: ${join(relative(process.cwd(), dir) || '.', 'report.html')}\n`,
  )
  return merged.exitCode
}

/** Reads `report.json` from a report folder (or a report.json path). */
async function readReport(path: string): Promise<RunReport> {
  const file = (await isDirectory(path)) ? join(path, 'report.json') : path
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    throw new UsageError(`cannot read ${file}`)
  }
  let report: unknown
  try {
    report = JSON.parse(text)
  } catch {
    throw new UsageError(`${file} is not JSON`)
  }
  if (
    typeof report !== 'object' ||
    report === null ||
    (report as { schemaVersion?: unknown }).schemaVersion !== '1.0.0'
  )
    throw new UsageError(`${file} is not an x402-conformance report (schemaVersion 1.0.0)`)
  return report as RunReport
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}
