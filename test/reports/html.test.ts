/**
 * report.html in headless Chromium (from npm: @sparticuz/chromium): the page works from file:// with no
 * network, shows the right counts, opens a failing case with expected/seen, filters by outcome and role,
 * shows hostile strings as text, and runs no script but its own; and the same checks catch a broken
 * page. `X402_UPDATE_SCREENSHOT=1` also refreshes docs/report-screenshot.png.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeReports } from '../../reports/index.ts'
import { FIXTURE_COUNTS, fixtureReport, HOSTILE, HOSTILE_ATTR } from './fixture.ts'
import { launchChromium } from './tools.ts'

const SCREENSHOT = fileURLToPath(new URL('../../docs/report-screenshot.png', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'x402-html-'))
let browser: Browser
/** One context for every page: Chromium here runs as a single process, which a second context crashes. */
let context: BrowserContext
let page: Page

/** What a page did besides rendering: requests other than its own file, console output, dialogs. */
interface Observed {
  /** Every request the page made that was not the report file itself. */
  network: string[]
  /** Console messages and page errors (a CSP violation or a script error shows here). */
  messages: string[]
  dialogs: string[]
}

/** Opens `file` in `target` and records what it does; resolves once the page's script says it is ready. */
async function open(target: Page, file: string): Promise<Observed> {
  const observed: Observed = { network: [], messages: [], dialogs: [] }
  const url = pathToFileURL(file).href
  target.on('request', (request) => {
    if (request.url() !== url) observed.network.push(request.url())
  })
  target.on('console', (message) => observed.messages.push(`${message.type()}: ${message.text()}`))
  target.on('pageerror', (error) => observed.messages.push(`pageerror: ${error.message}`))
  target.on('dialog', (dialog) => {
    observed.dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  await target.goto(url)
  await target.waitForSelector('html[data-ready="true"]', { timeout: 10_000 })
  return observed
}

let observed: Observed

beforeAll(async () => {
  await writeReports(fixtureReport(), dir)
  browser = await launchChromium()
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' })
  page = await context.newPage()
  observed = await open(page, join(dir, 'report.html'))
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
    expect(observed.dialogs).toEqual([])
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
    expect(observed.network).toEqual([])
    expect(observed.messages).toEqual([])
  })
})

describe('the same checks catch a broken report.html', () => {
  const original = () => readFileSync(join(dir, 'report.html'), 'utf8')
  /** Writes a changed copy of report.html and opens it in a page of its own. */
  async function broken(name: string, change: (html: string) => string): Promise<[Page, Observed]> {
    const html = change(original())
    expect(html, `${name} changes the page`).not.toBe(original())
    const file = join(dir, `${name}.html`)
    writeFileSync(file, html)
    const other = await context.newPage()
    return [other, await open(other, file)]
  }

  it('a page that loads from the network is seen doing it', async () => {
    const [other, seen] = await broken('fetches', (html) =>
      html
        .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '')
        .replace('</main>', '<img src="http://127.0.0.1:9/pixel.png" alt=""></main>'),
    )
    await other.waitForLoadState('load')
    expect(seen.network).toEqual(['http://127.0.0.1:9/pixel.png'])
    await other.close()
  })

  it('a script the Content-Security-Policy does not allow is refused, and the refusal is seen', async () => {
    const [other, seen] = await broken('injected', (html) =>
      html.replace('</main>', '<script>window.__pwned = 5; alert(5)</script></main>'),
    )
    expect(await other.evaluate('window.__pwned')).toBeUndefined()
    expect(seen.dialogs).toEqual([])
    expect(seen.messages.join('\n')).toMatch(/Content Security Policy/)
    await other.close()
  })

  it('a page that lost a case shows other counts than the report', async () => {
    const [other] = await broken('lost-case', (html) => html.replace('<details class="case"', '<details'))
    expect(await other.locator('details.case').count()).toBe(FIXTURE_COUNTS.total - 1)
    await other.close()
  })
})
