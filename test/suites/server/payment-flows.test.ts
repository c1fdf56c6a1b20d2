/**
 * Payment flows (core v2 §6.1) in the server suite: the reference server in `upfront` mode (settles
 * before the resource, declared in extra.paymentFlow) is conformant on the whole server suite; one that settles
 * first without declaring it fails exactly server.flow.declared; the flow known-bads are caught by their
 * cases; the authorization reference passes the flow cases.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { freePort } from '../../../harness/devnet/index.ts'
import type { CaseResult } from '../../../harness/model/result.ts'
import { referenceServerTarget } from '../../../harness/reference/server/index.ts'
import type { StartedEnvironment } from '../../../harness/runner/environment.ts'
import { serverCases } from '../../../suites/server/cases/index.ts'
import { catchersAt, knownBadServers } from '../../known-bad/server/index.ts'
import { outcomes, runServerSuite, startEnvironment } from './run.ts'
import { settleOnly } from './unusual-servers.ts'

/** Every fast case (no property, slow or batch case): what the settle-first server meets. */
const FAST = serverCases
  .filter(
    (definition) =>
      !(definition.tags ?? []).some((tag) => tag === 'slow' || tag === 'property' || tag === 'batch'),
  )
  .map((definition) => definition.id)
const FLOW_CASES = serverCases
  .filter((definition) => definition.id.startsWith('server.flow.'))
  .map((definition) => definition.id)
const RECORDED = new Set(['server.challenge.response-body'])
const VERIFY_FAULTS = [
  'server.failure.verify-invalid',
  'server.failure.verify-unreachable',
  'server.failure.verify-garbage',
  'server.failure.verify-wrong-shape',
  'server.failure.verify-http-500',
]
const FLOW_KNOWN_BADS = ['settles-first-undeclared', 'runs-resource-unchecked', 'accepts-unsupported-flow']

let started: StartedEnvironment

beforeAll(async () => {
  started = await startEnvironment(14)
}, 60_000)

afterAll(async () => {
  await started?.stop()
})

const describeResult = (r: CaseResult) =>
  `${r.id}@v${r.version}: ${r.outcome} ${r.message ?? ''} ${r.seen ?? ''}`

describe('payment flows', () => {
  test('the upfront reference server passes every case; the verify-fault cases skip naming its flow', async () => {
    const target = referenceServerTarget(2, { overrides: { paymentFlow: 'upfront' }, label: 'upfront' })
    const run = await runServerSuite(target, { environment: started.environment, concurrency: 4, seed: 14 })
    expect(run.results).toHaveLength(
      serverCases.filter((definition) => definition.versions.includes(2)).length,
    )
    const byId = new Map(run.results.map((r) => [r.id, r]))
    for (const id of VERIFY_FAULTS) {
      expect(byId.get(id)?.outcome, id).toBe('skip')
      expect(byId.get(id)?.message, id).toMatch(/declares extra.paymentFlow "upfront"/)
    }
    for (const id of FLOW_CASES) expect(byId.get(id)?.outcome, id).toBe('pass')
    const wrong = run.results.filter(
      (r) =>
        !(
          r.outcome === 'pass' ||
          (r.outcome === 'info' && RECORDED.has(r.id)) ||
          VERIFY_FAULTS.includes(r.id) ||
          // It offers no Permit2-based kind (opt-in): their cases skip, naming it.
          (r.outcome === 'skip' && r.id.startsWith('server.permit2.'))
        ),
    )
    expect(wrong.map(describeResult), JSON.stringify(outcomes(run.results), null, 1)).toEqual([])
  }, 180_000)

  test('a server that settles first without declaring it fails server.flow.declared and nothing else', async () => {
    const run = await runServerSuite(settleOnly(2), {
      environment: started.environment,
      caseIds: FAST,
      seed: 14,
    })
    const failed = run.results.filter((r) => r.outcome === 'fail' || r.outcome === 'warn').map((r) => r.id)
    expect(failed).toEqual(['server.flow.declared'])
    for (const id of VERIFY_FAULTS) expect(run.results.find((r) => r.id === id)?.outcome, id).toBe('skip')
  }, 120_000)

  test('the authorization reference server passes the flow cases', async () => {
    const run = await runServerSuite(referenceServerTarget(2), {
      environment: started.environment,
      caseIds: FLOW_CASES,
      seed: 14,
    })
    expect(run.results.map(describeResult).filter((line) => !line.includes(': pass'))).toEqual([])
    expect(run.results).toHaveLength(FLOW_CASES.length)
  }, 60_000)

  test('as a command, --payment-flow upfront declares the flow and settles first', async () => {
    const url = `http://127.0.0.1:${await freePort()}/weather`
    const run = await runServerSuite(
      {
        kind: 'start',
        command: 'node harness/reference/server/cli.ts --x402-version 2 --payment-flow upfront',
        url,
      },
      {
        environment: started.environment,
        caseIds: ['server.flow.declared', 'server.failure.verify-invalid', 'server.payment.honest'],
        seed: 14,
      },
    )
    expect(run.versions).toEqual([2])
    const byId = new Map(run.results.map((r) => [r.id, r]))
    expect(byId.get('server.flow.declared')?.outcome).toBe('pass')
    expect(byId.get('server.payment.honest')?.outcome).toBe('pass')
    expect(byId.get('server.failure.verify-invalid')?.message).toMatch(/declares extra.paymentFlow "upfront"/)
  }, 60_000)

  for (const name of FLOW_KNOWN_BADS) {
    test(`known-bad ${name} is caught by its cases`, async () => {
      const bad = knownBadServers.find((entry) => entry.name === name)!
      const catchers = catchersAt(bad, 2)
      const run = await runServerSuite(referenceServerTarget(2, { ...bad.replace, label: name }), {
        environment: started.environment,
        caseIds: [...catchers, ...FLOW_CASES],
        seed: 14,
      })
      const byId = new Map(run.results.map((r) => [r.id, r]))
      for (const id of catchers) expect(byId.get(id)?.outcome, describeResult(byId.get(id)!)).toBe('fail')
    }, 60_000)
  }
})
