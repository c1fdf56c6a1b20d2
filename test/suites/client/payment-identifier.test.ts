/**
 * payment-identifier in the client suite: the reference client (it sends a fresh id whenever offered)
 * passes the cases; a client that sends no id skips them, saying why; the known-bad clients (one fixed
 * id, a short id, no id when required) are caught.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEFAULT_CLIENT_BUDGET, referenceClientTarget } from '../../../harness/reference/client/index.ts'
import type { StartedEnvironment } from '../../../harness/runner/environment.ts'
import { clientCases } from '../../../suites/client/index.ts'
import { knownBadClients } from '../../known-bad/client/clients.ts'
import { outcomes, runClientSuite, startEnvironment } from './run.ts'

const CASES = clientCases.filter((c) => c.id.startsWith('client.payment-identifier.')).map((c) => c.id)
const KNOWN_BADS = [
  'same-payment-id',
  'short-payment-id',
  'payment-id-only-when-optional',
  'retry-new-payment-id',
]

let environment: StartedEnvironment

beforeAll(async () => {
  environment = await startEnvironment(15)
}, 120_000)

afterAll(async () => {
  await environment?.stop()
})

describe('payment-identifier cases of the client suite', () => {
  test('the reference client v2 passes them', async () => {
    const run = await runClientSuite(environment, referenceClientTarget({ versions: [2] }), {
      budget: DEFAULT_CLIENT_BUDGET,
      caseIds: CASES,
    })
    expect(CASES.length).toBe(3)
    expect(outcomes(run.results)).toEqual(Object.fromEntries(CASES.map((id) => [`${id}@v2`, 'pass'])))
  }, 60_000)

  test('a client that sends no id skips them, saying it does not use the extension', async () => {
    const run = await runClientSuite(
      environment,
      referenceClientTarget({ versions: [2], steps: { paymentId: () => undefined }, label: 'no ids' }),
      { budget: DEFAULT_CLIENT_BUDGET, caseIds: CASES },
    )
    expect(run.results).toHaveLength(CASES.length)
    for (const result of run.results) {
      expect(result.outcome, result.id).toBe('skip')
      expect(result.message, result.id).toMatch(/does not use the extension/)
    }
  }, 60_000)

  for (const name of KNOWN_BADS) {
    test(`known-bad ${name} is caught`, async () => {
      const bad = knownBadClients.find((entry) => entry.name === name)!
      const run = await runClientSuite(
        environment,
        referenceClientTarget({ steps: bad.replace, versions: [2], label: name }),
        { budget: DEFAULT_CLIENT_BUDGET, caseIds: CASES },
      )
      const seen = outcomes(run.results)
      for (const [key, outcome] of Object.entries(bad.caughtBy)) expect(seen[key], key).toBe(outcome)
    }, 60_000)
  }
})
