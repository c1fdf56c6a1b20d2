/**
 * report.html in headless Chromium: the page works from file:// with no network, shows the right counts,
 * opens a failing case with expected/seen, filters by outcome and role, shows hostile strings as text,
 * and runs no script but its own. `X402_UPDATE_SCREENSHOT=1` also refreshes docs/report-screenshot.png.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeReports } from '../../reports/index.ts'
import { FIXTURE_COUNTS, fixtureReport, HOSTILE, HOSTILE_ATTR } from './fixture.ts'
import { CHROMIUM, requireTool } from './tools.ts'

const SCREENSHOT = fileURLToPath(new URL('../../docs/report-screenshot.png', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'x402-html-'))
let browser: Browser
let page: Page
/** Every request the page made that was not the report file itself. */
const network: string[] = []
/** Console messages and page errors (a CSP violation or a script error shows here). */
const messages: string[] = []
const dialogs: string[] = []

beforeAll(async () => {
  requireTool(CHROMIUM, 'apt-get install chromium')
  await writeReports(fixtureReport(), dir)
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' })
  const reportUrl = pathToFileURL(join(dir, 'report.html')).href
  page.on('request', (request) => {
    if (request.url() !== reportUrl) network.push(request.url())
  })
  page.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`))
  page.on('pageerror', (error) => messages.push(`pageerror: ${error.message}`))
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  await page.goto(reportUrl)
  await page.waitForSelector('html[data-ready="true"]', { timeout: 10_000 })
}, 60_000)

afterAll(async () => {
  await browser?.close()
  rmSync(dir, { recursive: true, force: true })
})

/** How many cases (of one outcome) are rendered, i.e. not hidden by a filter. */
const visibleCases = (outcome?: string): Promise<number> =>
  page.locator(`details.case${outcome === undefined ? '' : `[data-outcome="${outcome}"]`}:visible`).count()

describe('report.html in Chromium', () => {
  it('shows the verdict and the right counts', async () => {
    expect(await page.textContent('#verdict')).toBe('Not conformant')
    expect(await page.textContent('#exit-code')).toBe('1')
    for (const [outcome, count] of Object.entries(FIXTURE_COUNTS)) {
      expect(await page.textContent(`[data-testid="count-${outcome}"] .n`), outcome).toBe(String(count))
    }
    expect(await visibleCases()).toBe(FIXTURE_COUNTS.total)
    expect(await page.textContent('#shown-count')).toBe(String(FIXTURE_COUNTS.total))
  })

  it('opens a failing case and shows expected, seen, spec and evidence', async () => {
    const failing = page.locator('details.case[data-key="server.payment.underpayment@v2"]')
    expect(await failing.getAttribute('open')).toBeNull()
    expect(await failing.locator('dd.expected').isVisible()).toBe(false)
    await failing.locator('summary').click()
    expect(await failing.getAttribute('open')).toBe('')
    expect(await failing.locator('dd.expected').isVisible()).toBe(true)
    expect(await failing.locator('dd.seen').isVisible()).toBe(true)
    expect(await failing.locator('dd.expected').textContent()).toBe(
      'no delivery; HTTP 402; no transfer to payTo',
    )
    expect(await failing.locator('dd.seen').textContent()).toContain('HTTP 200 with the resource')
    expect(await failing.locator('p.spec').textContent()).toContain(
      'specs/transports-v2/http.md § Error Handling',
    )
    expect(await failing.locator('p.spec a').first().getAttribute('href')).toBe(
      'https://github.com/coinbase/x402/blob/dd927a26cfefc98c24b3ec38b3a8f204dad0c60d/specs/transports-v2/http.md',
    )
    const kinds = await failing
      .locator('.evidence')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-kind')))
    expect(kinds).toEqual(['http', 'typed-data', 'http', 'facilitator-call', 'transaction', 'balance'])
    // the paid request's headers were decoded by the report itself
    const decoded = await failing.locator('.evidence[data-kind="http"]').nth(1).textContent()
    expect(decoded).toContain('payment-signature (decoded)')
    expect(decoded).toContain('"value": "999"')
    expect(decoded).toContain('payment-response (decoded)')
    expect(await failing.locator('td.delta.neg').textContent()).toBe('-999')
    await page.screenshot({ path: join(dir, 'screenshot.png') })
    if (process.env.X402_UPDATE_SCREENSHOT === '1') copyFileSync(join(dir, 'screenshot.png'), SCREENSHOT)
  })

  it('shows x402 headers decoded in both recorded shapes, and invalid ones as invalid', async () => {
    const challenge = page.locator('details.case[data-key="server.challenge.status-402@v2"]')
    await challenge.locator('summary').click()
    const decoded = challenge.locator('.decoded')
    expect(await decoded.count()).toBe(1)
    expect(await decoded.locator('h5').textContent()).toBe('response payment-required (decoded)')
    expect(await decoded.locator('pre').textContent()).toContain(
      '"payTo": "0x90F79bf6EB2c4f870365E785982E1f101E93b906"',
    )
    const malformed = page.locator('details.case[data-key="server.errors.malformed-status@v2"]')
    await malformed.locator('summary').click()
    const titles = await malformed.locator('.decoded h5').allTextContents()
    expect(titles).toEqual(['payment-signature (decoded) invalid', 'response payment-required (decoded)'])
    expect(await malformed.locator('.decoded pre.issues').textContent()).toContain(
      'is not in the base64 alphabet',
    )
  })

  it('shows the property replay command', async () => {
    const property = page.locator('details.case[data-key="client.budget.overpay@v2"]')
    await property.locator('summary').click()
    expect(await property.locator('pre.replay').textContent()).toContain('--seed 1947203911 --path "3:1:0"')
  })

  it('filters by outcome: unticking pass hides passes, ticking it shows them again', async () => {
    expect(await visibleCases('pass')).toBe(FIXTURE_COUNTS.pass)
    await page.uncheck('[data-testid="filter-pass"]')
    expect(await visibleCases('pass')).toBe(0)
    expect(await visibleCases()).toBe(FIXTURE_COUNTS.total - FIXTURE_COUNTS.pass)
    expect(await page.textContent('#shown-count')).toBe(String(FIXTURE_COUNTS.total - FIXTURE_COUNTS.pass))
    await page.check('[data-testid="filter-pass"]')
    expect(await visibleCases('pass')).toBe(FIXTURE_COUNTS.pass)
  })

  it('a count tile shows only that outcome', async () => {
    await page.click('[data-testid="count-fail"]')
    expect(await visibleCases()).toBe(FIXTURE_COUNTS.fail)
    expect(await visibleCases('fail')).toBe(FIXTURE_COUNTS.fail)
    await page.click('[data-testid="count-total"]')
    expect(await visibleCases()).toBe(FIXTURE_COUNTS.total)
  })

  it('filters by role and by text', async () => {
    await page.selectOption('[data-testid="filter-role"]', 'client')
    expect(await visibleCases()).toBe(2)
    expect(await page.locator('.role-group[data-role="server"]').isVisible()).toBe(false)
    await page.selectOption('[data-testid="filter-role"]', '')
    await page.fill('[data-testid="filter-text"]', 'RS-18')
    expect(await visibleCases()).toBe(2)
    await page.fill('[data-testid="filter-text"]', '')
    expect(await visibleCases()).toBe(FIXTURE_COUNTS.total)
  })

  it('shows hostile strings as text and creates no element from them', async () => {
    const failing = page.locator('details.case[data-key="server.payment.underpayment@v2"]')
    const body = await failing.locator('.evidence[data-kind="http"]').nth(1).textContent()
    expect(body).toContain(HOSTILE)
    expect(
      await page.locator('details.case[data-key="facilitator.settle.double@v1"] dd.seen').textContent(),
    ).toContain(`"'><svg onload=window.__pwned=3> ]]>`)
    expect(HOSTILE_ATTR).toContain('svg')
    expect(await page.locator('h1').textContent()).toContain(
      'acme-pay <img src=x onerror="window.__pwned=4">',
    )
    expect(await page.title()).toContain('acme-pay <img')
    const injected = {
      img: await page.locator('img').count(),
      svg: await page.locator('svg').count(),
      scripts: await page.locator('script').count(),
      handlers: await page.locator('[onerror],[onload],[onclick]').count(),
      pwned: await page.evaluate('window.__pwned'),
    }
    expect(injected).toEqual({ img: 0, svg: 0, scripts: 1, handlers: 0, pwned: undefined })
    expect(dialogs).toEqual([])
  })

  it('shows the coverage matrix with uncovered requirements and why', async () => {
    const row = page.locator('.matrix tr[data-requirement="RS-18"]')
    expect(await row.locator('td[data-outcome="fail"]').textContent()).toBe('1')
    expect(await row.locator('td[data-outcome="error"]').textContent()).toBe('1')
    const uncovered = page.locator('.matrix tr[data-requirement="RS-22"]')
    expect(await uncovered.textContent()).toContain('MCP transport: out of scope for now')
    expect(await page.locator('.matrix tr[data-requirement="RS-29"]').textContent()).toContain(
      'not run (1 case)',
    )
    await page.check('#uncovered-only')
    const shown = await page
      .locator('.matrix tbody tr:visible')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-requirement')))
    expect(shown).toEqual(['RS-22', 'X-3'])
    await page.uncheck('#uncovered-only')
  })

  it('loaded nothing from the network and broke no Content-Security-Policy rule', () => {
    expect(network).toEqual([])
    expect(messages).toEqual([])
  })
})
