/**
 * Cases not run because a case they depend on failed (`blockedBy`): report.json validates, and
 * summary.md and report.html show the root cause once with its dependents beside it.
 */
import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, test } from 'vitest'
import type { CaseResult } from '../../harness/model/result.ts'
import { formatHtml } from '../../reports/html.ts'
import { formatJsonReport, REPORT_SCHEMA_URL } from '../../reports/json.ts'
import { formatMarkdown } from '../../reports/markdown.ts'
import { fixtureReport } from './fixture.ts'

const common: Pick<
  CaseResult,
  'version' | 'role' | 'requirements' | 'level' | 'tags' | 'durationMs' | 'evidence'
> = {
  version: 2,
  role: 'server',
  requirements: ['RS-14'],
  level: 'MUST',
  tags: [],
  durationMs: 1,
  evidence: [],
}

const root: CaseResult = {
  ...common,
  id: 'server.payment.honest',
  title: 'An honest payment buys the resource',
  outcome: 'fail',
  message: 'the resource was not delivered',
}

const dependents: CaseResult[] = ['not-base64', 'not-json'].map((name) => ({
  ...common,
  id: `server.malformed.${name}`,
  title: `malformed ${name}`,
  outcome: 'skip',
  message: 'not run: depends on server.payment.honest, which failed',
  seen: 'server.payment.honest v2: fail: the resource was not delivered',
  blockedBy: { id: 'server.payment.honest', outcome: 'fail', message: 'the resource was not delivered' },
}))

const report = fixtureReport({ results: [root, ...dependents] })

describe('reports of cases blocked by a failed prerequisite', () => {
  test('report.json with blockedBy validates against the schema', () => {
    const schema = JSON.parse(readFileSync(REPORT_SCHEMA_URL, 'utf8')) as Record<string, unknown>
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema)
    expect(validate(JSON.parse(formatJsonReport(report))), JSON.stringify(validate.errors)).toBe(true)
  })

  test('summary.md names the root cause and what it blocked', () => {
    const markdown = formatMarkdown(report)
    expect(markdown).toContain('2 dependent case(s) not run')
    expect(markdown).toContain('### Not run because a case they depend on failed')
    expect(markdown).toContain(
      '- `server.payment.honest@v2`: 2 case(s) not run: `server.malformed.not-base64`, `server.malformed.not-json`',
    )
  })

  test('report.html links each blocked case to its root cause', () => {
    const page = formatHtml(report)
    expect(page).toContain('data-testid="not-run">(2 dependent cases not run:')
    expect(page.match(/data-testid="blocked-by"/g)).toHaveLength(2)
    expect(page).toContain('Not run: it depends on <a href="#case-0" class="mono">server.payment.honest</a>')
  })
})
