/**
 * summary.md, for a CI job summary (e.g. `cat summary.md >> "$GITHUB_STEP_SUMMARY"`): the verdict line,
 * a counts table, one line per failure or error, baseline differences, and coverage per role. Text from
 * the target is escaped and cut to one short line, since job summaries render Markdown and HTML.
 */

import { baselineStatus } from '../harness/model/baseline.ts'
import { type CaseResult, OUTCOMES, type RunReport } from '../harness/model/result.ts'
import { dependentsByBlocker, resultKey } from './blocked.ts'
import { escapeMarkdownInline as md, truncate } from './escape.ts'
import { specLocation } from './spec-link.ts'

/** At most this many failure lines; the rest are counted. */
const MAX_LINES = 100
/** Longest message, expected or seen text on a line. */
const MAX_TEXT = 240

const ICON: Record<RunReport['verdict'], string> = {
  conformant: '✅',
  'not-conformant': '❌',
  incomplete: '⚠️',
}
const VERDICT: Record<RunReport['verdict'], string> = {
  conformant: 'conformant',
  'not-conformant': 'not conformant',
  incomplete: 'incomplete (the run could not be done)',
}

/** Renders the Markdown job summary. */
export function formatMarkdown(report: RunReport): string {
  const out: string[] = []
  const target = report.target
  const versions = target.versions.map((v) => `v${v}`).join(', ') || 'no version'
  out.push(
    `## ${ICON[report.verdict]} x402 conformance: ${VERDICT[report.verdict]} (${target.role}, ${versions})`,
    '',
  )
  const where = target.label ?? target.url ?? target.command
  const facts = [
    where === undefined ? undefined : `**Target** ${md(truncate(where, MAX_TEXT))}`,
    `**Exit code** ${report.exitCode}`,
    `${report.summary.total} results in ${(report.durationMs / 1000).toFixed(1)} s`,
    report.shard === undefined ? undefined : `shard ${report.shard.index}/${report.shard.count}`,
    `suite ${md(report.suite.version)}`,
    `spec ${md(report.spec.commit.slice(0, 12))}`,
  ]
  out.push(facts.filter((f) => f !== undefined).join(' · '), '')
  out.push(`| ${['total', ...OUTCOMES].join(' | ')} |`, `|${' ---: |'.repeat(OUTCOMES.length + 1)}`)
  out.push(`| ${[report.summary.total, ...OUTCOMES.map((o) => report.summary[o])].join(' | ')} |`, '')

  if (report.runErrors.length > 0) {
    out.push('### Run errors', '')
    for (const error of report.runErrors) out.push(`- ${md(truncate(error, MAX_TEXT * 2))}`)
    out.push('')
  }

  if (report.baseline !== undefined) {
    const { file, unexpectedFailures, unexpectedPasses } = report.baseline
    out.push(`### Baseline ${md(file)}`, '')
    if (unexpectedFailures.length + unexpectedPasses.length === 0)
      out.push('Every result matches the baseline.')
    for (const d of unexpectedFailures)
      out.push(`- unexpected failure ${code(d.key)}: expected ${d.expected}, got ${d.seen}`)
    for (const d of unexpectedPasses) {
      out.push(
        `- unexpected pass ${code(d.key)}: expected ${d.expected}, got ${d.seen} (update the baseline)`,
      )
    }
    out.push('')
  }

  const failing = report.results.filter((r) => r.outcome === 'fail' || r.outcome === 'error')
  const blocked = dependentsByBlocker(report.results)
  if (failing.length > 0) {
    out.push('### Failures', '')
    for (const result of failing.slice(0, MAX_LINES)) out.push(line(report, result, blocked))
    if (failing.length > MAX_LINES) out.push(`- … and ${failing.length - MAX_LINES} more (see report.html)`)
    out.push('')
  }
  if (blocked.size > 0) {
    out.push('### Not run because a case they depend on failed', '')
    for (const [key, dependents] of blocked) {
      const names = dependents.map((result) => code(result.id)).join(', ')
      out.push(`- ${code(key)}: ${dependents.length} case(s) not run: ${names}`)
    }
    out.push('')
  }
  const warnings = report.results.filter((r) => r.outcome === 'warn')
  if (warnings.length > 0) {
    out.push('### Warnings (SHOULD)', '')
    for (const result of warnings.slice(0, MAX_LINES)) out.push(line(report, result, blocked))
    if (warnings.length > MAX_LINES) out.push(`- … and ${warnings.length - MAX_LINES} more (see report.html)`)
    out.push('')
  }

  const roles = Object.entries(report.coverage.byRole)
  if (roles.length > 0) {
    out.push('### Requirement coverage', '')
    out.push(
      '| role | requirements | with cases | checked in this run | without a case | of those, out of scope for now |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
    )
    for (const [role, { requirements, covered, later }] of roles) {
      const checked = report.coverage.requirements.filter(
        (r) => r.role === role && r.outcome !== undefined,
      ).length
      out.push(
        `| ${md(role)} | ${requirements} | ${covered} | ${checked} | ${requirements - covered} | ${later} |`,
      )
    }
    out.push('')
  }
  out.push(`Reproduce: ${code(truncate(report.command, 1000))}`, '')
  return out.join('\n')
}

function line(report: RunReport, result: CaseResult, blocked: Map<string, CaseResult[]>): string {
  const icon = result.outcome === 'fail' ? '❌' : result.outcome === 'error' ? '💥' : '⚠️'
  const status = baselineStatus(report, result)
  const note =
    status === 'expected-failure'
      ? ' _(expected by baseline)_'
      : status === 'unexpected-failure'
        ? ' **(unexpected)**'
        : ''
  const parts = [
    `${icon} ${code(result.id)} v${result.version}${note}: ${md(truncate(result.message ?? result.title, MAX_TEXT))}`,
  ]
  if (result.expected !== undefined) parts.push(`expected ${md(truncate(result.expected, MAX_TEXT))}`)
  if (result.seen !== undefined) parts.push(`seen ${md(truncate(result.seen, MAX_TEXT))}`)
  const spec = result.spec?.[0]
  if (spec !== undefined) parts.push(md(specLocation(spec)))
  const dependents = blocked.get(resultKey(result))?.length ?? 0
  if (dependents > 0) parts.push(`${dependents} dependent case(s) not run`)
  return `- ${parts.join(' · ')}`
}

/** A code span for suite-made text (ids, keys, commands); backticks and line breaks cannot end it early. */
function code(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/[\r\n]+/g, ' ')}\``
}
