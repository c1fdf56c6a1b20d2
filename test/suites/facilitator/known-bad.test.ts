/**
 * The facilitator suite must catch every known-bad facilitator (test/known-bad/facilitator): each
 * breaks one requirement on purpose and names the cases that must catch it. A known-bad survives when
 * a named case does not end `fail` (or `warn`, for a SHOULD case); the suite itself must never `error`.
 * All known-bads of a part share one devnet (every case uses fresh accounts) and run one after the other.
 *
 * By default each known-bad meets the cases it names (each must catch it, none may error). With
 * X402_KNOWN_BAD_FULL=1 it meets the whole suite, so no case anywhere may error against it: about
 * 6 s of CPU per known-bad, too much for `npm test` on two cores, so CI runs it as a step of its own
 * (.ci/run).
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CaseResult } from '../../../harness/model/result.ts'
import { type StartedEnvironment, startWorkerEnvironment } from '../../../harness/runner/environment.ts'
import { hasRequirement } from '../../../suites/catalog/index.ts'
import { facilitatorCases } from '../../../suites/facilitator/index.ts'
import { knownBadFacilitators, knownBadTarget } from '../../known-bad/facilitator/index.ts'
import { unknownBreaks } from '../../known-bad/known-bad.ts'
import { currentPart, partOf } from '../part.ts'
import { describeResults, keyOf, runFacilitatorSuite } from './run.ts'

/** Split in four (known-bad.part2…4.test.ts): the parts run in parallel workers, each on its own devnet. */
const PART = currentPart(4)
const FULL = process.env.X402_KNOWN_BAD_FULL === '1'

let started: StartedEnvironment

beforeAll(async () => {
  started = await startWorkerEnvironment({ seed: 7 })
}, 60_000)
afterAll(async () => {
  await started?.stop()
})

/** Whether `result` catches a defect: fail, or warn for a SHOULD case. */
function catches(result: CaseResult): boolean {
  return result.outcome === 'fail' || (result.level === 'SHOULD' && result.outcome === 'warn')
}

describe(`known-bad facilitators (part ${PART.index} of ${PART.of}${FULL ? ', whole suite' : ''})`, () => {
  it('are at least ten, with distinct names, each naming existing cases', () => {
    expect(knownBadFacilitators.length).toBeGreaterThanOrEqual(10)
    expect(new Set(knownBadFacilitators.map((bad) => bad.name)).size).toBe(knownBadFacilitators.length)
    expect(unknownBreaks(knownBadFacilitators, hasRequirement)).toEqual([])
    const ids = new Set(facilitatorCases.map((definition) => definition.id))
    for (const bad of knownBadFacilitators)
      for (const catcher of bad.caughtBy)
        expect(ids.has(catcher.replace(/@v[12]$/, '')), `${bad.name}: ${catcher}`).toBe(true)
  })

  for (const bad of partOf(knownBadFacilitators, PART)) {
    it(`${bad.name} (${bad.breaks}) is caught by ${bad.caughtBy.join(', ')}`, async () => {
      const named = [...new Set(bad.caughtBy.map((catcher) => catcher.replace(/@v[12]$/, '')))]
      const run = await runFacilitatorSuite(
        knownBadTarget(bad),
        started.environment,
        FULL ? {} : { cases: named },
      )
      const survived = bad.caughtBy.flatMap((catcher) => {
        const [id, version] = catcher.split('@v')
        const results = run.results.filter(
          (result) => result.id === id && (version === undefined || `${result.version}` === version),
        )
        if (results.length === 0) return [`${catcher}: did not run`]
        return results
          .filter((result) => !catches(result))
          .map((result) => `${keyOf(result)}: ${result.outcome}`)
      })
      expect(survived, `${bad.name} survives`).toEqual([])
      const errors = run.results.filter(
        (result) => result.outcome === 'error' && !(bad.errorsExpected?.test(result.message ?? '') ?? false),
      )
      expect(describeResults(errors), 'the suite errored against a known-bad').toBe('')
    }, 180_000)
  }
})
