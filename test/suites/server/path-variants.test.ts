/**
 * The path-variant case (RS-56): its variants are what it claims to send, the reference server's
 * router and paywall read them alike, the case passes against the reference server with every variant
 * routed and paywalled, and it fails the known-bad whose paywall reads the raw path.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { CaseResult } from '../../../harness/model/result.ts'
import { referenceServerTarget } from '../../../harness/reference/server/index.ts'
import { canonicalPath } from '../../../harness/reference/server/route.ts'
import type { StartedEnvironment } from '../../../harness/runner/environment.ts'
import { judgeVariant, pathVariants } from '../../../suites/server/path-variants.ts'
import paywallOnRawPath from '../../known-bad/server/paywall-on-raw-path.ts'
import { runServerSuite, startEnvironment } from './run.ts'

const CASE = 'server.paywall.path-variants'

describe('path variants', () => {
  test('every variant is a distinct spelling the reference router resolves to the paid path', () => {
    const variants = pathVariants('http://127.0.0.1:4021/weather')
    expect(variants.map((variant) => variant.target)).toEqual([
      '/%2Fweather',
      '/%77eather',
      '/x402-conformance/../weather',
      '/x402-conformance/%2e%2e/weather',
      '/./weather',
      '//weather',
      '/weather/',
      '/WEATHER',
      '/weather;x402=1',
      '/\\weather',
      '/%5Cweather',
      'http://127.0.0.1:4021/weather',
    ])
    for (const variant of variants) expect(canonicalPath(variant.target), variant.name).toBe('/weather')
  })

  test("the reference router's reading: bad percent-encoding names nothing, other paths stay apart", () => {
    expect(canonicalPath('/weather%')).toBeUndefined()
    expect(canonicalPath('/weather/x')).toBe('/weather/x')
    expect(canonicalPath('/x/../../weather?q=1#f')).toBe('/weather')
    expect(canonicalPath('https://a.example:8443/Weather;v=1/')).toBe('/weather')
  })

  test('a multi-segment path keeps its query and encodes the separator it changes', () => {
    const variants = new Map(pathVariants('http://h:1/api/paid?x=1').map((v) => [v.name, v.target]))
    expect(variants.get('encoded-slash')).toBe('/api%2Fpaid?x=1')
    expect(variants.get('backslash')).toBe('/api\\paid?x=1')
    expect(variants.get('double-slash')).toBe('/api//paid?x=1')
    expect(variants.get('absolute-form')).toBe('http://h:1/api/paid?x=1')
  })

  test('the judgement: 402 holds, content is a bypass, a catch-all or a 404 is not routed', () => {
    const decoy = { status: 200, body: '<html>app</html>' }
    expect(judgeVariant({ status: 402, body: '' }, decoy)).toBe('paywalled')
    expect(judgeVariant({ status: 200, body: '{"report":1}' }, decoy)).toBe('bypass')
    expect(judgeVariant({ status: 200, body: '<html>app</html>' }, decoy)).toBe('not-routed')
    expect(judgeVariant({ status: 404, body: 'no' }, decoy)).toBe('not-routed')
    expect(judgeVariant({ status: 204, body: '' }, undefined)).toBe('not-routed')
    expect(judgeVariant(undefined, undefined)).toBe('not-routed')
  })
})

describe('server.paywall.path-variants against the reference and its known-bad', () => {
  let started: StartedEnvironment
  beforeAll(async () => {
    started = await startEnvironment(5)
  }, 60_000)
  afterAll(async () => {
    await started?.stop()
  })

  const run = async (version: 1 | 2, bad: boolean): Promise<CaseResult> => {
    const target = referenceServerTarget(
      version,
      bad ? { ...paywallOnRawPath.replace, label: 'known-bad' } : {},
    )
    const { results } = await runServerSuite(target, {
      environment: started.environment,
      caseIds: [CASE],
      versions: [version],
    })
    expect(results).toHaveLength(1)
    return results[0]!
  }

  for (const version of [1, 2] as const) {
    test(`v${version}: the reference server passes with every variant paywalled`, async () => {
      const result = await run(version, false)
      expect(result.outcome, result.message).toBe('pass')
      const note = result.evidence.find((item) => item.kind === 'note')
      expect(JSON.stringify(note)).toMatch(/12 paywalled, 0 served unpaid, 0 not routed/)
      expect(JSON.stringify(note)).toMatch(/12 of the 402s carry the canonical path's terms/)
    })

    test(`v${version}: the paywall on the raw path fails it, naming the variants`, async () => {
      const result = await run(version, true)
      expect(result.outcome).toBe('fail')
      expect(result.message).toMatch(/served unpaid under 12 spelling/)
      expect(result.seen).toMatch(/encoded-slash .*→ 200/)
      expect(result.seen).toMatch(/absolute-form/)
    })
  }
})
