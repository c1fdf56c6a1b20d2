/**
 * Permit2 `exact` and `upto` in the client suite: the reference client (it pays a Permit2-based offer
 * when no EIP-3009 one is payable) passes both cases; a client that does not pay them skips, naming the
 * offer; the known-bad clients (wrong spender, witness.to, upto facilitator) are caught.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  DEFAULT_CLIENT_BUDGET,
  defaultSteps,
  referenceClientTarget,
} from '../../../harness/reference/client/index.ts'
import type { StartedEnvironment } from '../../../harness/runner/environment.ts'
import { clientCases } from '../../../suites/client/index.ts'
import { knownBadClients } from '../../known-bad/client/clients.ts'
import { outcomes, runClientSuite, startEnvironment } from './run.ts'

const CASES = clientCases.filter((c) => c.id.startsWith('client.permit2.')).map((c) => c.id)
const KNOWN_BADS = ['permit2-spender-is-permit2', 'permit2-witness-to-self', 'upto-facilitator-is-payto']

let environment: StartedEnvironment

/** The reference client's choice with every Permit2-based offer left out (a client without Permit2). */
const eip3009Only: typeof defaultSteps.choose = async (challenge, context) => {
  const offer = await defaultSteps.choose(challenge, context)
  const permit2 = offer?.scheme === 'upto' || offer?.extra?.assetTransferMethod === 'permit2'
  return permit2 ? undefined : offer
}

beforeAll(async () => {
  environment = await startEnvironment(21)
}, 120_000)

afterAll(async () => {
  await environment?.stop()
})

describe('Permit2 cases of the client suite', () => {
  test('the reference client v2 passes them', async () => {
    const run = await runClientSuite(environment, referenceClientTarget({ versions: [2] }), {
      budget: DEFAULT_CLIENT_BUDGET,
      caseIds: CASES,
    })
    expect(CASES.length).toBe(2)
    expect(outcomes(run.results), JSON.stringify(run.results.map((r) => [r.id, r.message, r.seen]))).toEqual(
      Object.fromEntries(CASES.map((id) => [`${id}@v2`, 'pass'])),
    )
  }, 60_000)

  test('a client that pays only EIP-3009 skips them, naming the offer', async () => {
    const run = await runClientSuite(
      environment,
      referenceClientTarget({ versions: [2], steps: { choose: eip3009Only }, label: 'no permit2' }),
      { budget: DEFAULT_CLIENT_BUDGET, caseIds: CASES },
    )
    expect(run.results).toHaveLength(CASES.length)
    for (const result of run.results) {
      expect(result.outcome, result.id).toBe('skip')
      expect(result.message, result.id).toMatch(
        /does not pay (an exact offer with extra.assetTransferMethod|an upto offer)/,
      )
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
      for (const id of CASES.filter((c) => bad.caughtBy[`${c}@v2`] === undefined))
        expect(seen[`${id}@v2`], id).toBe('pass')
    }, 60_000)
  }
})
