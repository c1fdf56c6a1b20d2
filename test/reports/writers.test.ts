/** writeReports writes the five files; summary.md and badge.json say the right things, escaped. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { badgeFor } from '../../reports/badge.ts'
import { REPORT_FILES, writeReports } from '../../reports/index.ts'
import { formatMarkdown } from '../../reports/markdown.ts'
import { fixtureReport, fixtureResults, HOSTILE } from './fixture.ts'

const dir = mkdtempSync(join(tmpdir(), 'x402-writers-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('writeReports', () => {
  it('writes the five report files into a new folder', async () => {
    const out = join(dir, 'nested', 'x402-report')
    const paths = await writeReports(fixtureReport(), out)
    expect(readdirSync(out).sort()).toEqual([...REPORT_FILES].sort())
    expect(paths).toHaveLength(5)
    const json = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))
    expect(json.summary.fail).toBe(3)
    expect(JSON.parse(readFileSync(join(out, 'badge.json'), 'utf8'))).toEqual({
      schemaVersion: 1,
      label: 'x402 server',
      message: '3 failing',
      color: 'red',
    })
    const page = readFileSync(join(out, 'report.html'), 'utf8')
    expect(page).not.toMatch(/<img|<svg|<script>window/)
    expect(page.match(/<script/g)).toHaveLength(1)
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\/(?!github\.com\/coinbase\/x402\/blob\/)/)
  })
})

describe('summary.md', () => {
  const md = formatMarkdown(fixtureReport())
  const lines = md.split('\n')

  it('starts with the verdict line and has a counts table', () => {
    expect(lines[0]).toBe('## ❌ x402 conformance: not conformant (server, v1, v2)')
    expect(md).toContain('| total | pass | fail | warn | info | skip | error |')
    expect(md).toContain('| 12 | 4 | 3 | 2 | 1 | 1 | 1 |')
  })

  it('lists each failure and error on one line with expected, seen and spec', () => {
    const failures = lines.slice(
      lines.indexOf('### Failures') + 2,
      lines.indexOf('### Warnings (SHOULD)') - 1,
    )
    expect(failures).toHaveLength(4)
    expect(failures[0]).toMatch(/^- ❌ `server\.payment\.underpayment` v2: /)
    expect(failures[0]).toContain('expected no delivery; HTTP 402; no transfer to payTo')
    expect(failures[0]).toContain('specs/transports-v2/http.md § Error Handling')
    expect(failures[1]).toMatch(/^- 💥 `server\.payment\.replay` v1: /)
  })

  it('escapes what the target sent', () => {
    expect(md).not.toContain(HOSTILE)
    expect(md).not.toMatch(/<(img|script|svg)/)
    expect(md).toContain('&lt;/script&gt;&lt;img src=x onerror=&quot;window.\\_\\_pwned=1&quot;&gt;')
  })

  it('shows coverage per role', () => {
    expect(md).toContain('| server | 10 | 9 | 8 | 1 |')
    expect(md).toContain('| any | 1 | 0 | 0 | 1 |')
  })

  it('shows run errors and baseline differences', () => {
    const report = fixtureReport({
      runErrors: ['target unreachable: connect ECONNREFUSED 127.0.0.1:4021'],
      baseline: {
        file: 'baselines/acme.json',
        unexpectedFailures: [{ key: 'server.challenge.status-402@v2', expected: 'pass', seen: 'fail' }],
        unexpectedPasses: [{ key: 'server.payment.underpayment@v2', expected: 'fail', seen: 'pass' }],
      },
    })
    const text = formatMarkdown(report)
    expect(text.split('\n')[0]).toBe(
      '## ⚠️ x402 conformance: incomplete (the run could not be done) (server, v1, v2)',
    )
    expect(text).toContain('- target unreachable: connect ECONNREFUSED 127.0.0.1:4021')
    expect(text).toContain('- unexpected failure `server.challenge.status-402@v2`: expected pass, got fail')
    expect(text).toContain(
      '- unexpected pass `server.payment.underpayment@v2`: expected fail, got pass (update the baseline)',
    )
  })
})

describe('badge.json', () => {
  it('is green when conformant, yellow with warnings, red with failures, grey when incomplete', () => {
    const passing = fixtureResults().filter((r) => r.outcome === 'pass')
    expect(badgeFor(fixtureReport({ results: passing }))).toEqual({
      schemaVersion: 1,
      label: 'x402 server',
      message: 'conformant v1 v2',
      color: 'brightgreen',
    })
    const warned = fixtureResults().filter((r) => r.outcome === 'pass' || r.outcome === 'warn')
    expect(badgeFor(fixtureReport({ results: warned }))).toMatchObject({
      message: 'conformant v1 v2, 2 warnings',
      color: 'yellow',
    })
    expect(badgeFor(fixtureReport())).toMatchObject({ message: '3 failing', color: 'red' })
    expect(badgeFor(fixtureReport({ runErrors: ['devnet failed'] }))).toMatchObject({
      message: 'incomplete',
      color: 'lightgrey',
    })
  })
})
