/**
 * Every known-bad client (test/known-bad/client) is caught: each case it lists gives the outcome it
 * lists (`fail` for a MUST, `warn` for a SHOULD). A known-bad that survives fails the test, and so does
 * a case that errors against it. With X402_KNOWN_BAD_FULL=1 each known-bad meets the whole suite, and
 * the other cases each one trips are printed, as the self-test's score: CI runs that as a step of its
 * own (.ci/run); `npm test` runs the listed cases only.
 */

import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEFAULT_CLIENT_BUDGET, referenceClientTarget } from '../../../harness/reference/client/index.ts'
import type { StartedEnvironment } from '../../../harness/runner/environment.ts'
import { hasRequirement } from '../../../suites/catalog/index.ts'
import { clientCases } from '../../../suites/client/index.ts'
import { knownBadClients } from '../../known-bad/client/clients.ts'
import { unknownBreaks } from '../../known-bad/known-bad.ts'
import { outcomes, runClientSuite, startEnvironment } from './run.ts'

const FULL = process.env.X402_KNOWN_BAD_FULL === '1'

let environment: StartedEnvironment

beforeAll(async () => {
  environment = await startEnvironment(7)
}, 120_000)

afterAll(async () => {
  await environment?.stop()
})

describe('known-bad clients are caught by the cases they name', () => {
  test('there are at least ten, each naming existing cases', () => {
    expect(knownBadClients.length).toBeGreaterThanOrEqual(10)
    const ids = new Set(clientCases.map((definition) => definition.id))
    for (const bad of knownBadClients) {
      expect(Object.keys(bad.caughtBy).length, bad.name).toBeGreaterThan(0)
      for (const key of Object.keys(bad.caughtBy))
        expect(ids.has(key.replace(/@v[12]$/, '')), `${bad.name}: ${key}`).toBe(true)
    }
    expect(new Set(knownBadClients.map((bad) => bad.name)).size).toBe(knownBadClients.length)
    expect(unknownBreaks(knownBadClients, hasRequirement)).toEqual([])
  })

  for (const bad of knownBadClients) {
    test(`${bad.name}: ${bad.defect}`, async () => {
      const run = await runClientSuite(
        environment,
        referenceClientTarget({ steps: bad.replace, label: `known-bad ${bad.name}` }),
        {
          budget: DEFAULT_CLIENT_BUDGET,
          ...(FULL
            ? {}
            : { caseIds: [...new Set(Object.keys(bad.caughtBy).map((key) => key.replace(/@v[12]$/, '')))] }),
        },
      )
      const seen = outcomes(run.results)
      const survived = Object.entries(bad.caughtBy)
        .filter(([key, outcome]) => seen[key] !== outcome)
        .map(([key, outcome]) => `${key}: expected ${outcome}, got ${seen[key] ?? 'no result'}`)
      const alsoTripped = Object.entries(seen)
        .filter(([key, outcome]) => outcome !== 'pass' && !(key in bad.caughtBy))
        .map(([key, outcome]) => `${key}=${outcome}`)
      console.info(
        `known-bad ${bad.name} (breaks ${bad.breaks.join(', ')}): caught by ${Object.keys(bad.caughtBy).join(', ')}; also trips ${alsoTripped.join(', ') || 'nothing else'}`,
      )
      expect(survived).toEqual([])
      expect(
        run.results
          .filter((result) => result.outcome === 'error')
          .map((result) => `${result.id}@v${result.version}: ${result.message ?? ''}`),
      ).toEqual([])
    }, 300_000)
  }
})
