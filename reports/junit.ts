/**
 * junit.xml in the common Jenkins/Ant JUnit format that CI systems read (GitHub, GitLab, Jenkins, Azure):
 * one `<testsuite>` per role, one `<testcase>` per case and version (`name="<caseId> [v<version>]"`,
 * `classname="<role>"`, time in seconds). `fail` is a `<failure>` with what was expected, what was seen and
 * the spec section; `error` is an `<error>`; `skip` is `<skipped>`; `warn` and `info` pass with a
 * `<system-out>` note. Run errors get their own `run` testsuite so CI shows them as errors too.
 *
 * With a baseline the file says what the exit code says: a failure the baseline expects is `<skipped>`
 * (like an expected failure in other test runners) and an unexpected pass is a `<failure>`.
 */

import { baselineStatus } from '../harness/model/baseline.ts'
import { resultKey } from '../harness/model/key.ts'
import type { CaseResult, RunReport } from '../harness/model/result.ts'
import { escapeXmlAttribute as attr, escapeXmlText as text, truncate } from './escape.ts'
import { specLocation } from './spec-link.ts'

const ROLES: readonly CaseResult['role'][] = ['server', 'client', 'facilitator', 'mcp-server', 'mcp-client']

/** The testcase name of a result, e.g. `server.payment.underpayment [v2]`. */
export function junitName(result: Pick<CaseResult, 'id' | 'version'>): string {
  return `${result.id} [v${result.version}]`
}

interface Testcase {
  xml: string
  failure: boolean
  error: boolean
  skipped: boolean
  seconds: number
}

/** Renders the report as JUnit XML. */
export function formatJunit(report: RunReport): string {
  const suites: string[] = []
  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0 }
  const timestamp = antTimestamp(report.startedAt)
  const roles = [...ROLES, ...new Set(report.results.map((r) => r.role).filter((r) => !ROLES.includes(r)))]
  for (const role of roles) {
    const results = report.results.filter((result) => result.role === role)
    if (results.length === 0) continue
    suites.push(
      suite(
        role,
        results.map((result) => testcase(report, result)),
        report,
        suites.length,
        timestamp,
        totals,
      ),
    )
  }
  if (report.runErrors.length > 0) {
    const cases = report.runErrors.map((message, i) => runErrorCase(message, i))
    suites.push(suite('run', cases, report, suites.length, timestamp, totals))
  }
  const head =
    `<testsuites name="${attr(`x402-conformance ${report.target.role}`)}" tests="${totals.tests}"` +
    ` failures="${totals.failures}" errors="${totals.errors}" skipped="${totals.skipped}"` +
    ` time="${seconds(report.durationMs)}">`
  return `<?xml version="1.0" encoding="UTF-8"?>\n${head}\n${suites.join('')}</testsuites>\n`
}

function suite(
  name: string,
  cases: readonly Testcase[],
  report: RunReport,
  id: number,
  timestamp: string,
  totals: { tests: number; failures: number; errors: number; skipped: number },
): string {
  const failures = cases.filter((c) => c.failure).length
  const errors = cases.filter((c) => c.error).length
  const skipped = cases.filter((c) => c.skipped).length
  const time = cases.reduce((sum, c) => sum + c.seconds, 0)
  totals.tests += cases.length
  totals.failures += failures
  totals.errors += errors
  totals.skipped += skipped
  const properties = [
    ['x402.suite.version', report.suite.version],
    ['x402.spec', `${report.spec.repository}@${report.spec.commit}`],
    ['x402.target', report.target.url ?? report.target.command ?? report.target.label ?? ''],
    ['x402.versions', report.target.versions.join(',')],
    ['x402.seed', String(report.seed)],
    ['x402.command', report.command],
    ['x402.verdict', report.verdict],
    ...(report.shard === undefined ? [] : [['x402.shard', `${report.shard.index}/${report.shard.count}`]]),
  ]
    .map(([key, value]) => `      <property name="${attr(key!)}" value="${attr(value!)}"/>\n`)
    .join('')
  return (
    `  <testsuite name="${attr(name)}" tests="${cases.length}" failures="${failures}" errors="${errors}"` +
    ` skipped="${skipped}" time="${time.toFixed(3)}" timestamp="${timestamp}" hostname="localhost"` +
    ` id="${id}" package="x402-conformance">\n` +
    `    <properties>\n${properties}    </properties>\n` +
    cases.map((c) => c.xml).join('') +
    '    <system-out></system-out>\n    <system-err></system-err>\n  </testsuite>\n'
  )
}

function testcase(report: RunReport, result: CaseResult): Testcase {
  const open = `    <testcase name="${attr(junitName(result))}" classname="${attr(result.role)}" time="${seconds(result.durationMs)}"`
  const status = baselineStatus(report, result)
  const made = (body: string, kind: 'failure' | 'error' | 'skipped' | 'pass'): Testcase => ({
    xml: body === '' ? `${open}/>\n` : `${open}>\n${body}    </testcase>\n`,
    failure: kind === 'failure',
    error: kind === 'error',
    skipped: kind === 'skipped',
    seconds: Number(seconds(result.durationMs)),
  })
  const details = describe(result)
  const headline = result.message ?? result.seen ?? result.outcome

  if (status === 'expected-failure') {
    const message = `expected ${result.outcome} (baseline ${report.baseline!.file}): ${headline}`
    return made(
      skipped(message) + systemOut(`${result.outcome.toUpperCase()}, expected by the baseline\n${details}`),
      'skipped',
    )
  }
  if (status === 'unexpected-pass') {
    const diff = report.baseline!.unexpectedPasses.find((d) => d.key === resultKey(result))!
    const message = `unexpected ${result.outcome}: baseline ${report.baseline!.file} expects ${diff.expected}; update the baseline`
    return made(element('failure', message, 'baseline', details), 'failure')
  }
  const prefix = status === 'unexpected-failure' ? 'unexpected failure (not in the baseline): ' : ''
  switch (result.outcome) {
    case 'fail':
      return made(element('failure', prefix + headline, result.level, details), 'failure')
    case 'error':
      return made(element('error', prefix + headline, 'error', details), 'error')
    case 'skip':
      return made(skipped(result.message ?? 'not applicable'), 'skipped')
    case 'warn':
      return made(systemOut(`WARN (a ${result.level} requirement is not met)\n${details}`), 'pass')
    case 'info':
      return made(systemOut(`INFO (behaviour the spec leaves open)\n${details}`), 'pass')
    case 'pass':
      return made('', 'pass')
  }
}

function runErrorCase(message: string, index: number): Testcase {
  const name = `run error ${index + 1}`
  return {
    xml:
      `    <testcase name="${attr(name)}" classname="run" time="0.000">\n` +
      `${element('error', message, 'run-error', message)}    </testcase>\n`,
    failure: false,
    error: true,
    skipped: false,
    seconds: 0,
  }
}

/** The text of a failure: title, message, expected, seen, spec sections, requirements, replay command. */
function describe(result: CaseResult): string {
  const lines = [`${result.title}`]
  if (result.message !== undefined) lines.push(`Message:  ${result.message}`)
  if (result.expected !== undefined) lines.push(`Expected: ${result.expected}`)
  if (result.seen !== undefined) lines.push(`Seen:     ${result.seen}`)
  for (const spec of result.spec ?? []) lines.push(`Spec:     ${specLocation(spec)}`)
  if (result.requirements.length > 0)
    lines.push(`Requirements: ${result.requirements.join(', ')} (${result.level})`)
  for (const evidence of result.evidence) {
    if (evidence.kind === 'property') {
      lines.push(
        `Property: seed ${evidence.seed}${evidence.path === undefined ? '' : `, path ${evidence.path}`}`,
      )
      lines.push(`Replay:   ${evidence.replay}`)
    }
  }
  return lines.join('\n')
}

function element(name: 'failure' | 'error', message: string, type: string, body: string): string {
  return `      <${name} message="${attr(truncate(message, 1000))}" type="${attr(type)}">${text(body)}</${name}>\n`
}

function skipped(message: string): string {
  return `      <skipped message="${attr(truncate(message, 1000))}"/>\n`
}

function systemOut(body: string): string {
  return `      <system-out>${text(body)}</system-out>\n`
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3)
}

/** Ant's timestamp form: ISO 8601 in UTC without zone or fraction (what its schema and Jenkins accept). */
function antTimestamp(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? '1970-01-01T00:00:00' : date.toISOString().slice(0, 19)
}
