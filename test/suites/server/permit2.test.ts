/**
 * Permit2 `exact` and `upto` in the server suite: the reference server with both offers passes the
 * cases; the default reference server (no Permit2 offer) skips them, naming what it does not offer; the
 * known-bads that break one Permit2 rule each are caught.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { freePort } from '../../../harness/devnet/index.ts'
import { referenceServerTarget } from '../../../harness/reference/server/index.ts'
import type { StartedEnvironment } from '../../../harness/runner/environment.ts'
import { serverCases } from '../../../suites/server/cases/index.ts'
import { catchersAt, knownBadServers, knownBadServerTarget } from '../../known-bad/server/index.ts'
import { outcomes, runServerSuite, startEnvironment } from './run.ts'

const CASES = serverCases.filter((c) => c.id.startsWith('server.permit2.')).map((c) => c.id)
const KNOWN_BADS = [
  'permit2-refuses-offered',
  'permit2-trusts-accepted',
  'permit2-allowance-as-402',
  'upto-overcharges',
  'upto-receipt-claims-maximum',
]

let started: StartedEnvironment

beforeAll(async () => {
  started = await startEnvironment(21)
}, 60_000)

afterAll(async () => {
  await started?.stop()
})

describe('Permit2 cases of the server suite', () => {
  test('the reference server v2 offering exact with Permit2 and upto passes them', async () => {
    const target = referenceServerTarget(2, { overrides: { permit2Kinds: ['exact', 'upto'] } })
    const run = await runServerSuite(target, { environment: started.environment, caseIds: CASES, seed: 21 })
    expect(CASES.length).toBe(4)
    expect(outcomes(run.results), JSON.stringify(run.results.map((r) => [r.id, r.message, r.seen]))).toEqual(
      Object.fromEntries(CASES.map((id) => [`${id}@v2`, 'pass'])),
    )
  }, 90_000)

  // A correct server may settle without asking /verify: the verdicts must hold for it too.
  test('a Permit2 server that settles without /verify passes them as well', async () => {
    const target = referenceServerTarget(2, {
      overrides: { permit2Kinds: ['exact', 'upto'] },
      steps: { verify: async () => ({ ok: true, response: { isValid: true } }) },
      label: 'settles without /verify',
    })
    const run = await runServerSuite(target, { environment: started.environment, caseIds: CASES, seed: 21 })
    expect(outcomes(run.results), JSON.stringify(run.results.map((r) => [r.id, r.message]))).toEqual(
      Object.fromEntries(CASES.map((id) => [`${id}@v2`, 'pass'])),
    )
  }, 90_000)

  test('the reference server command offers them with --permit2 exact,upto', async () => {
    const url = `http://127.0.0.1:${await freePort()}/weather`
    const command = 'node harness/reference/server/cli.ts --x402-version 2 --permit2 exact,upto'
    const caseIds = ['server.permit2.exact-honest', 'server.permit2.upto-charge']
    const run = await runServerSuite({ kind: 'start', command, url }, { caseIds })
    expect(outcomes(run.results)).toEqual({
      'server.permit2.exact-honest@v2': 'pass',
      'server.permit2.upto-charge@v2': 'pass',
    })
  }, 60_000)

  test('the default reference server skips them, naming the offer it lacks', async () => {
    const run = await runServerSuite(referenceServerTarget(2), {
      environment: started.environment,
      caseIds: CASES,
      seed: 21,
    })
    for (const result of run.results) {
      expect(result.outcome, result.id).toBe('skip')
      expect(result.message, result.id).toMatch(/offers no (exact offer with extra.assetTransferMethod|upto)/)
    }
  }, 60_000)

  for (const name of KNOWN_BADS) {
    test(`known-bad ${name} is caught`, async () => {
      const bad = knownBadServers.find((entry) => entry.name === name)!
      const run = await runServerSuite(knownBadServerTarget(bad, 2), {
        environment: started.environment,
        caseIds: CASES,
        seed: 21,
      })
      const byId = new Map(run.results.map((r) => [r.id, r]))
      for (const id of catchersAt(bad, 2))
        expect(byId.get(id)?.outcome, `${id}: ${byId.get(id)?.message}`).toBe('fail')
      // Each breaks one rule: the other Permit2 cases still pass.
      for (const id of CASES.filter((c) => !catchersAt(bad, 2).includes(c)))
        expect(byId.get(id)?.outcome, `${id}: ${byId.get(id)?.message}`).toBe('pass')
    }, 90_000)
  }
})
