/**
 * junit.xml: valid against our JUnit XSD (xmllint, as WebAssembly), counts right, failures carry
 * expected/seen/spec.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { applyBaseline, baselineFromRun } from '../../harness/model/baseline.ts'
import type { RunReport } from '../../harness/model/result.ts'
import { formatJunit } from '../../reports/junit.ts'
import { FIXTURE_COUNTS, fixtureReport, HOSTILE, HOSTILE_ATTR } from './fixture.ts'
import { validateXsd, xpath } from './tools.ts'

const XSD = readFileSync(new URL('./junit.xsd', import.meta.url), 'utf8')

const validate = (xml: string): Promise<string> => validateXsd(xml, XSD)

describe('junit.xml', () => {
  const report = fixtureReport()
  const file = formatJunit(report)

  it('validates against the JUnit XSD', async () => {
    expect(await validate(file)).toBe('valid')
  })

  it('has one testsuite per role and one testcase per result, with totals that add up', async () => {
    expect(await xpath(file, 'count(/testsuites/testsuite)')).toBe('3')
    expect(await xpath(file, '/testsuites/testsuite[1]/@name')).toBe('name="server"')
    expect(await xpath(file, 'string(/testsuites/testsuite[2]/@name)')).toBe('client')
    expect(await xpath(file, 'string(/testsuites/testsuite[3]/@name)')).toBe('facilitator')
    expect(await xpath(file, 'count(//testcase)')).toBe(String(FIXTURE_COUNTS.total))
    expect(await xpath(file, 'count(//testcase/failure)')).toBe(String(FIXTURE_COUNTS.fail))
    expect(await xpath(file, 'count(//testcase/error)')).toBe(String(FIXTURE_COUNTS.error))
    expect(await xpath(file, 'count(//testcase/skipped)')).toBe(String(FIXTURE_COUNTS.skip))
    expect(await xpath(file, 'string(/testsuites/@tests)')).toBe(String(FIXTURE_COUNTS.total))
    expect(await xpath(file, 'string(/testsuites/@failures)')).toBe(String(FIXTURE_COUNTS.fail))
    expect(await xpath(file, 'string(/testsuites/@errors)')).toBe(String(FIXTURE_COUNTS.error))
    expect(await xpath(file, 'string(/testsuites/@skipped)')).toBe(String(FIXTURE_COUNTS.skip))
    for (let i = 1; i <= 3; i++) {
      const suite = `/testsuites/testsuite[${i}]`
      expect(await xpath(file, `string(${suite}/@tests)`)).toBe(await xpath(file, `count(${suite}/testcase)`))
      expect(await xpath(file, `string(${suite}/@failures)`)).toBe(
        await xpath(file, `count(${suite}/testcase/failure)`),
      )
      expect(await xpath(file, `string(${suite}/@errors)`)).toBe(
        await xpath(file, `count(${suite}/testcase/error)`),
      )
      expect(await xpath(file, `string(${suite}/@skipped)`)).toBe(
        await xpath(file, `count(${suite}/testcase/skipped)`),
      )
    }
    // every testcase's classname is the role of its suite
    expect(await xpath(file, 'count(//testsuite[@name="client"]/testcase[@classname!="client"])')).toBe('0')
  })

  it('names a failure by case id and version, times it in seconds, and explains it', async () => {
    const testcase = '//testcase[@name="server.payment.underpayment [v2]"]'
    expect(await xpath(file, `string(${testcase}/@classname)`)).toBe('server')
    expect(await xpath(file, `string(${testcase}/@time)`)).toBe('0.432')
    expect(await xpath(file, `string(${testcase}/failure/@type)`)).toBe('MUST')
    const message = await xpath(file, `string(${testcase}/failure/@message)`)
    expect(message).toContain('999 of 1000')
    const text = await xpath(file, `string(${testcase}/failure)`)
    expect(text).toContain('Expected: no delivery; HTTP 402; no transfer to payTo')
    expect(text).toContain('Seen:     HTTP 200 with the resource')
    expect(text).toContain('Spec:     specs/transports-v2/http.md § Error Handling')
    expect(text).toContain('Requirements: RS-15, RS-18 (MUST)')
    // the hostile string survives as text (escaped in the file, decoded by the parser)
    expect(text).toContain(HOSTILE)
    expect(formatJunit(report)).not.toContain('<img')
  })

  it('carries the property replay command in the failure', async () => {
    const text = await xpath(file, 'string(//testcase[@name="client.budget.overpay [v2]"]/failure)')
    expect(text).toContain('Replay:   x402-conformance client --driver http://127.0.0.1:5050')
    expect(text).toContain('--seed 1947203911')
  })

  it('keeps hostile attribute text and replaces characters XML cannot carry', async () => {
    const seen = await xpath(file, 'string(//testcase[@name="facilitator.settle.double [v1]"]/failure)')
    expect(seen).toContain(`"'><svg onload=window.__pwned=3> ]]>`)
    expect(seen).toContain('\uFFFD[31m\uFFFD & done')
  })

  it('reports error, skip, warn and info the way CI systems expect', async () => {
    expect(
      await xpath(file, 'string(//testcase[@name="server.payment.replay [v1]"]/error/@message)'),
    ).toContain('ECONNRESET')
    expect(
      await xpath(file, 'string(//testcase[@name="server.payment.permit2-allowance [v2]"]/skipped/@message)'),
    ).toBe('the target advertises no permit2 requirement')
    const warn = '//testcase[@name="server.settlement.failure-header [v2]"]'
    expect(await xpath(file, `count(${warn}/failure | ${warn}/error | ${warn}/skipped)`)).toBe('0')
    expect(await xpath(file, `string(${warn}/system-out)`)).toMatch(
      /^WARN \(a SHOULD requirement is not met\)/,
    )
    const info = '//testcase[@name="server.errors.malformed-status [v2]"]'
    expect(await xpath(file, `string(${info}/system-out)`)).toMatch(/^INFO/)
    expect(await xpath(file, 'count(//testcase[@name="server.challenge.status-402 [v1]"]/*)')).toBe('0')
  })

  it('adds a run testsuite with one error per run error', async () => {
    const broken = formatJunit(
      fixtureReport({ runErrors: ['devnet failed: anvil exited with code 1', 'target <unreachable>'] }),
    )
    expect(await validate(broken)).toBe('valid')
    expect(await xpath(broken, 'count(//testsuite[@name="run"]/testcase/error)')).toBe('2')
    expect(await xpath(broken, 'string(//testsuite[@name="run"]/testcase[2]/error/@message)')).toBe(
      'target <unreachable>',
    )
    expect(await xpath(broken, 'string(/testsuites/@errors)')).toBe(String(FIXTURE_COUNTS.error + 2))
  })

  it('with a baseline: expected failures are skipped, unexpected passes fail', async () => {
    const base = fixtureReport()
    const baseline = baselineFromRun(base)
    baseline.expected['server.challenge.status-402@v2'] = 'fail' // now passes: an unexpected pass
    const compared: RunReport = applyBaseline(base, baseline, 'baselines/acme.json')
    const ratchet = formatJunit(compared)
    expect(await validate(ratchet)).toBe('valid')
    expect(await xpath(ratchet, 'count(//testcase/failure)')).toBe('1')
    expect(await xpath(ratchet, 'string(//testcase/failure/../@name)')).toBe(
      'server.challenge.status-402 [v2]',
    )
    expect(await xpath(ratchet, 'string(//testcase/failure/@type)')).toBe('baseline')
    expect(await xpath(ratchet, 'count(//testcase/error)')).toBe('0')
    expect(await xpath(ratchet, 'count(//testcase/skipped)')).toBe(
      String(FIXTURE_COUNTS.skip + FIXTURE_COUNTS.fail + FIXTURE_COUNTS.error),
    )
    expect(
      await xpath(ratchet, 'string(//testcase[@name="server.payment.underpayment [v2]"]/skipped/@message)'),
    ).toContain('expected fail (baseline baselines/acme.json)')
  })

  it('the XSD rejects what CI systems would not read', async () => {
    const bad = [
      '<testsuites><testsuite name="s" tests="1" failures="0" errors="0" time="0"><testcase classname="c" time="0"/></testsuite></testsuites>',
      '<testsuites><testsuite name="s" tests="1" failures="0" errors="0" time="0"><testcase name="n" classname="c" time="-1"/></testsuite></testsuites>',
      '<testsuites><testsuite name="s" tests="1" failures="0" errors="0" time="0"><failure message="m"/></testsuite></testsuites>',
      '<testsuites><testsuite name="s" tests="1" failures="1" errors="0" time="0"><testcase name="n" classname="c" time="0"><failure/><error/></testcase></testsuite></testsuites>',
      '<testsuites><testsuite tests="x" failures="0" errors="0" time="0"/></testsuites>',
    ]
    for (const xml of bad) expect(await validate(xml), xml).not.toBe('valid')
  })

  it('the check fails a broken junit.xml: cut short, a testcase without a name, a time that is no number', async () => {
    expect(await validate(file.slice(0, file.length / 2))).toMatch(/parser error/)
    const nameless = file.replace('<testcase name="server.payment.underpayment [v2]"', '<testcase')
    expect(nameless).not.toBe(file)
    expect(await validate(nameless)).toMatch(/Schemas validity error.*'name' is required/)
    const timeless = file.replace('time="0.432"', 'time="soon"')
    expect(timeless).not.toBe(file)
    expect(await validate(timeless)).toMatch(/Schemas validity error.*'time'/)
  })

  it('an XPath that selects nothing or does not parse throws instead of answering', async () => {
    await expect(xpath(file, '//testcase[@name="no such case"]')).rejects.toThrow(/XPath set is empty/)
    await expect(xpath(file, 'count(//testcase')).rejects.toThrow(/Invalid expression/)
    expect(await xpath(file, 'count(//testcase[@name="no such case"])')).toBe('0')
  })
})

describe('escaping', () => {
  it('never lets a raw < or an unescaped quote from the target into the file', () => {
    const xml = formatJunit(fixtureReport())
    expect(xml).not.toContain('<script>')
    expect(xml).not.toContain('<svg')
    expect(xml).not.toContain('\u0000')
    expect(xml).toContain('&lt;/script&gt;&lt;img src=x onerror=')
    expect(HOSTILE_ATTR).toContain('"')
  })
})
