/**
 * The self-test of one group of client cases (an extension, a kind of payment): the reference client
 * v2 passes them, a client that does not use what they test skips them, and the known-bad clients
 * made for them are caught, all in one worker environment.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  DEFAULT_CLIENT_BUDGET,
  type ReferenceClientOptions,
  referenceClientTarget,
} from '../../../harness/reference/client/index.ts'
import type { StartedEnvironment } from '../../../harness/runner/environment.ts'
import { knownBadClients } from '../../known-bad/client/clients.ts'
import { outcomes, runClientSuite, startEnvironment } from './run.ts'

export interface ClientCaseGroup {
  /** The `describe` title. */
  title: string
  /** The worker environment's seed. */
  seed: number
  caseIds: readonly string[]
  /** How many cases the group must have (a case that drops out of it fails the first test). */
  count: number
  /** A client (the reference with some steps replaced) that skips every case, and why it must say. */
  skippedBy?: Required<Pick<ReferenceClientOptions, 'steps' | 'label'>> & { title: string; message: RegExp }
  /** The known-bad clients (test/known-bad/client/clients.ts) the group's cases catch, by name. */
  knownBads: readonly string[]
  /** A known-bad must also pass the group's cases that do not list it. */
  othersPass?: boolean
}

/** Declares the group's tests. */
export function describeClientCaseGroup(group: ClientCaseGroup): void {
  let environment: StartedEnvironment

  beforeAll(async () => {
    environment = await startEnvironment(group.seed)
  }, 120_000)

  afterAll(async () => {
    await environment?.stop()
  })

  /** The reference client v2, with `change` made, over the group's cases. */
  const run = (change: ReferenceClientOptions = {}) =>
    runClientSuite(environment, referenceClientTarget({ versions: [2], ...change }), {
      budget: DEFAULT_CLIENT_BUDGET,
      caseIds: group.caseIds,
    })

  describe(group.title, () => {
    test('the reference client v2 passes them', async () => {
      const { results } = await run()
      expect(group.caseIds.length).toBe(group.count)
      expect(outcomes(results), JSON.stringify(results.map((r) => [r.id, r.message, r.seen]))).toEqual(
        Object.fromEntries(group.caseIds.map((id) => [`${id}@v2`, 'pass'])),
      )
    }, 60_000)

    const skipping = group.skippedBy
    if (skipping)
      test(skipping.title, async () => {
        const { results } = await run({ steps: skipping.steps, label: skipping.label })
        expect(results).toHaveLength(group.caseIds.length)
        for (const result of results) {
          expect(result.outcome, result.id).toBe('skip')
          expect(result.message, result.id).toMatch(skipping.message)
        }
      }, 60_000)

    for (const name of group.knownBads) {
      test(`known-bad ${name} is caught`, async () => {
        const bad = knownBadClients.find((entry) => entry.name === name)!
        const seen = outcomes((await run({ steps: bad.replace, label: name })).results)
        for (const [key, outcome] of Object.entries(bad.caughtBy)) expect(seen[key], key).toBe(outcome)
        if (group.othersPass)
          for (const id of group.caseIds.filter((c) => bad.caughtBy[`${c}@v2`] === undefined))
            expect(seen[`${id}@v2`], id).toBe('pass')
      }, 60_000)
    }
  })
}
