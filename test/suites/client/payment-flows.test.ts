/**
 * Payment flows (core v2 §6.1) in the client suite: the reference client passes the flow cases (it
 * refuses an unknown paymentFlow and prefers authorization), and the known-bad clients that pay an
 * unknown flow or prefer upfront are caught by the outcomes they list.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEFAULT_CLIENT_BUDGET, referenceClientTarget } from '../../../harness/reference/client/index.ts'
import type { StartedEnvironment } from '../../../harness/runner/environment.ts'
import { clientCases } from '../../../suites/client/index.ts'
import { knownBadClients } from '../../known-bad/client/clients.ts'
import { outcomes, runClientSuite, startEnvironment } from './run.ts'

const FLOW_CASES = clientCases.filter((c) => c.id.startsWith('client.flow.')).map((c) => c.id)
const FLOW_KNOWN_BADS = ['pays-unknown-flow', 'prefers-upfront']

let environment: StartedEnvironment

beforeAll(async () => {
  environment = await startEnvironment(14)
}, 120_000)

afterAll(async () => {
  await environment?.stop()
})

describe('payment-flow cases of the client suite', () => {
  test('the reference client v2 passes them', async () => {
    const run = await runClientSuite(environment, referenceClientTarget({ versions: [2] }), {
      budget: DEFAULT_CLIENT_BUDGET,
      caseIds: FLOW_CASES,
    })
    expect(FLOW_CASES.length).toBe(3)
    expect(outcomes(run.results)).toEqual(Object.fromEntries(FLOW_CASES.map((id) => [`${id}@v2`, 'pass'])))
  }, 60_000)

  for (const name of FLOW_KNOWN_BADS) {
    test(`known-bad ${name} is caught`, async () => {
      const bad = knownBadClients.find((entry) => entry.name === name)!
      const run = await runClientSuite(
        environment,
        referenceClientTarget({ steps: bad.replace, versions: [2], label: name }),
        { budget: DEFAULT_CLIENT_BUDGET, caseIds: FLOW_CASES },
      )
      const seen = outcomes(run.results)
      for (const [key, outcome] of Object.entries(bad.caughtBy)) expect(seen[key], key).toBe(outcome)
    }, 60_000)
  }
})
