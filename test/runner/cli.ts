/** Helpers for the runner's CLI tests: run the real CLI as a child process, find what it left running. */

import { type ChildProcessByStdio, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { Ajv2020 } from 'ajv/dist/2020.js'
import type { RunReport } from '../../harness/model/result.ts'
import { hasEnded, procStat } from '../../harness/processes/proc.ts'

export const root = fileURLToPath(new URL('../../', import.meta.url))
const cli = join(root, 'bin/x402-conformance.js')
/** The toy suites registry, for `--suites`. */
export const toySuites = join(root, 'test/runner/fixtures/toy-suites.ts')
/** Starts the toy server on $PORT (with the Node that runs the tests). */
export const toyServerCommand = `${process.execPath} ${join(root, 'test/runner/fixtures/toy-server.ts')}`
/** `server <url> --start <start> --suites <toy suites>`: a started toy target's first arguments. */
export function toyServerArgs(url: string, start = toyServerCommand): string[] {
  return ['server', url, '--start', start, '--suites', toySuites]
}
/** Runs the toy client; `{url}` is replaced by the harness. */
export const toyClientCommand = (mode = 'ok') =>
  `${process.execPath} ${join(root, 'test/runner/fixtures/toy-client.ts')} {url} ${mode}`

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
  durationMs: number
  /** A value put in the CLI's environment; every process it starts inherits it (see `leftovers`). */
  mark: string
}

/** Starts `x402-conformance <args>`; its environment carries a fresh mark (see `leftovers`). */
export function startCli(args: readonly string[]): {
  child: ChildProcessByStdio<null, Readable, Readable>
  mark: string
} {
  const mark = randomUUID()
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: root,
    env: { ...process.env, X402_TEST_MARK: mark, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return { child, mark }
}

/** Runs `x402-conformance <args>` to the end. */
export function runCli(args: readonly string[], options: { timeoutMs?: number } = {}): Promise<CliRun> {
  const started = performance.now()
  const { child, mark } = startCli(args)
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
  })
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 90_000)
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr, durationMs: performance.now() - started, mark })
    })
  })
}

/** Living (non-zombie) processes whose environment carries `mark`: what a run left running. */
export function leftovers(mark: string): { pid: number; command: string }[] {
  const found: { pid: number; command: string }[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue
    try {
      const stat = procStat(Number(entry))
      if (stat === undefined || hasEnded(stat)) continue
      if (!readFileSync(`/proc/${entry}/environ`, 'utf8').includes(`X402_TEST_MARK=${mark}`)) continue
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim()
      found.push({ pid: Number(entry), command })
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found
}

/** Waits (up to `timeoutMs`) until the run left nothing running; returns what is still there. */
export async function settledLeftovers(
  mark: string,
  timeoutMs = 4000,
): Promise<{ pid: number; command: string }[]> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const left = leftovers(mark)
    if (left.length === 0 || Date.now() > deadline) return left
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** A fresh report folder. */
export function reportDir(): string {
  return mkdtempSync(join(tmpdir(), 'x402-runner-test-'))
}

const validate = new Ajv2020({ strict: false, allErrors: true }).compile(
  JSON.parse(readFileSync(join(root, 'reports/schema/report.schema.json'), 'utf8')) as object,
)

/** Reads `report.json` of a report folder, failing when it does not follow the report schema. */
export function readReport(dir: string): RunReport {
  const report: unknown = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))
  if (!validate(report))
    throw new Error(`${dir}/report.json breaks the schema: ${JSON.stringify(validate.errors)}`)
  return report as RunReport
}

/** Outcome per `<id>@v<version>` of a report. */
export function outcomes(report: RunReport): Record<string, string> {
  return Object.fromEntries(
    report.results.map((result) => [`${result.id}@v${result.version}`, result.outcome]),
  )
}
