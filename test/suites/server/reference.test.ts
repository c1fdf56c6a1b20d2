/**
 * The project's reference servers (v1, v2) against the whole server suite: every case passes, except
 * the recorded-behaviour cases, which end in `info`. Also: the cases trace to real catalogue entries,
 * and property cases leave replayable evidence.
 */
import { describe, expect, test } from 'vitest'
import { targetEnvironment } from '../../../harness/devnet/environment.ts'
import { freePort } from '../../../harness/devnet/index.ts'
import { referenceServerTarget, startReferenceServer } from '../../../harness/reference/server/index.ts'
import { hasRequirement, requirementById } from '../../../suites/catalog/index.ts'
import { serverCases } from '../../../suites/server/cases/index.ts'
import { outcomes, runServerSuite, startEnvironment } from './run.ts'

/** Cases whose outcome is `info` by design: they record behaviour the spec leaves open. */
const RECORDED = new Set(['server.challenge.response-body@v2', 'server.payment.overpayment-v1@v1'])

describe('server cases', () => {
  test('have permanent server ids and trace to requirements of the catalogue', () => {
    for (const definition of serverCases) {
      expect(definition.id).toMatch(/^server\.[a-z0-9-]+\.[a-z0-9-]+$/)
      for (const id of definition.requirements) {
        expect(hasRequirement(id), `${definition.id} cites unknown ${id}`).toBe(true)
        expect(requirementById(id).scope, `${definition.id} cites out-of-scope ${id}`).toBe('now')
      }
    }
    expect(serverCases.length).toBeGreaterThanOrEqual(40)
  })
})

for (const version of [2, 1] as const) {
  describe(`reference server v${version}`, () => {
    test('passes every case of the server suite', async () => {
      // v2 offers exact with Permit2 and upto too (opt-in), so their cases run beside the others.
      const target = referenceServerTarget(
        version,
        version === 2 ? { overrides: { permit2Kinds: ['exact', 'upto'] } } : {},
      )
      const run = await runServerSuite(target, { concurrency: 4, seed: 11 })
      expect(run.versions).toEqual([version])
      expect(run.capabilities).toEqual(expect.arrayContaining(['chain', 'builtin-facilitator']))
      const expected = serverCases.filter((definition) => definition.versions.includes(version)).length
      expect(run.results).toHaveLength(expected)
      const wrong = run.results
        .filter((result) => result.outcome !== (RECORDED.has(`${result.id}@v${version}`) ? 'info' : 'pass'))
        .map(
          (result) =>
            `${result.id}@v${version}: ${result.outcome} ${result.message ?? ''} ${result.seen ?? ''}`,
        )
      expect(wrong, JSON.stringify(outcomes(run.results), null, 1)).toEqual([])

      for (const result of run.results.filter((r) => r.tags.includes('property'))) {
        const property = result.evidence.find((item) => item.kind === 'property')
        expect(property, result.id).toMatchObject({
          kind: 'property',
          replay: expect.stringContaining(`--case ${result.id}`),
        })
      }
      const honest = run.results.find((result) => result.id === 'server.payment.settlement-response')!
      expect(honest.evidence.map((item) => item.kind)).toEqual(
        expect.arrayContaining(['http', 'typed-data', 'facilitator-call', 'transaction', 'balance']),
      )
    }, 120_000)
  })
}

describe('reference server as a command (--start)', () => {
  test('started with the devnet environment, it is wired to the built-in facilitator and sells', async () => {
    const url = `http://127.0.0.1:${await freePort()}/weather`
    const run = await runServerSuite(
      { kind: 'start', command: 'node harness/reference/server/cli.ts --x402-version 1', url },
      {
        caseIds: [
          'server.challenge.status',
          'server.payment.honest',
          'server.payment.settled-before-delivery',
        ],
      },
    )
    expect(run.versions).toEqual([1])
    expect(run.capabilities).toEqual(expect.arrayContaining(['chain', 'builtin-facilitator']))
    expect(outcomes(run.results)).toEqual({
      'server.challenge.status@v1': 'pass',
      'server.payment.honest@v1': 'pass',
      'server.payment.settled-before-delivery@v1': 'pass',
    })
  }, 60_000)
})

describe('a server the harness did not start (a URL)', () => {
  test('is tested on the chain; the cases that need the built-in facilitator are skipped', async () => {
    const started = await startEnvironment(3)
    const { devnet, facilitatorUrl } = started.environment
    const server = await startReferenceServer(2, targetEnvironment(devnet, { facilitatorUrl }))
    try {
      const run = await runServerSuite(
        { kind: 'url', url: server.url },
        {
          environment: started.environment,
          caseIds: ['server.payment.honest', 'server.payment.underpayment', 'server.failure.settle-rejected'],
        },
      )
      expect(run.capabilities).toEqual(['chain'])
      expect(outcomes(run.results)).toEqual({
        'server.failure.settle-rejected@v2': 'skip',
        'server.payment.honest@v2': 'pass',
        'server.payment.underpayment@v2': 'pass',
      })
    } finally {
      await server.stop()
      await started.stop()
    }
  }, 60_000)
})
