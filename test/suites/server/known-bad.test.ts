/**
 * The server suite catches every known-bad server: each is the reference server with one defect, run
 * at each version it declares; every case it lists must fail (or warn, for a SHOULD). What each
 * known-bad trips is printed as the self-test's score card. With X402_KNOWN_BAD_FULL=1 every fast case
 * runs against each known-bad too, for the full score card: about 1 s of CPU per known-bad and
 * version, so CI runs it as a step of its own (.ci/run) and `npm test` runs the listed cases only.
 */

import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { CaseResult } from '../../../harness/model/result.ts'
import type { StartedEnvironment } from '../../../harness/runner/environment.ts'
import { hasRequirement } from '../../../suites/catalog/index.ts'
import { serverCases } from '../../../suites/server/cases/index.ts'
import { unknownBreaks } from '../../known-bad/known-bad.ts'
import { catchersAt, knownBadServers, knownBadServerTarget } from '../../known-bad/server/index.ts'
import { currentPart, partOf } from '../part.ts'
import { runServerSuite, startEnvironment } from './run.ts'

/** Split in two (known-bad.part2.test.ts): the parts run in parallel workers, each on its own devnet. */
const PART = currentPart(2)

const FULL = process.env.X402_KNOWN_BAD_FULL === '1'
const FAST = serverCases
  .filter((definition) => !(definition.tags ?? []).some((tag) => tag === 'slow' || tag === 'property'))
  .map((definition) => definition.id)
const CAUGHT = new Set(['fail', 'warn'])

let started: StartedEnvironment
const score: string[] = []

beforeAll(async () => {
  started = await startEnvironment(7)
}, 60_000)

afterAll(async () => {
  await started?.stop()
  if (score.length > 0)
    console.log(
      `known-bad servers (part ${PART.index} of ${PART.of}) and the cases that caught them:\n${score.sort().join('\n')}`,
    )
})

describe(`known-bad servers (part ${PART.index} of ${PART.of}${FULL ? ', every fast case' : ''})`, () => {
  test('the catalogue has at least 12 servers, unique names, and lists only real cases', () => {
    expect(knownBadServers.length).toBeGreaterThanOrEqual(12)
    expect(new Set(knownBadServers.map((bad) => bad.name)).size).toBe(knownBadServers.length)
    expect(unknownBreaks(knownBadServers, hasRequirement)).toEqual([])
    const ids = new Set(serverCases.map((definition) => definition.id))
    for (const bad of knownBadServers) {
      expect(bad.caughtBy.length, bad.name).toBeGreaterThan(0)
      for (const version of bad.versions)
        for (const id of catchersAt(bad, version))
          expect(ids.has(id), `${bad.name} lists unknown case ${id}`).toBe(true)
    }
  })

  for (const bad of partOf(knownBadServers, PART)) {
    for (const version of bad.versions) {
      test(`${bad.name} (v${version}) is caught by ${catchersAt(bad, version).join(', ')}`, async () => {
        const catchers = catchersAt(bad, version)
        const caseIds = FULL ? [...new Set([...catchers, ...FAST])] : catchers
        const target = knownBadServerTarget(bad, version)
        const run = await runServerSuite(target, {
          environment: started.environment,
          caseIds,
          versions: [version],
          concurrency: 6,
          seed: 7,
        })
        const byId = new Map<string, CaseResult>(run.results.map((result) => [result.id, result]))
        const listed = catchers.filter((id) =>
          serverCases.find((definition) => definition.id === id)?.versions.includes(version),
        )
        expect(listed.length, `${bad.name} lists no case that applies to v${version}`).toBeGreaterThan(0)
        const survived = listed.filter((id) => !CAUGHT.has(byId.get(id)?.outcome ?? 'missing'))
        const tripped = run.results.filter((result) => CAUGHT.has(result.outcome)).map((result) => result.id)
        score.push(
          `  ${bad.name} v${version} (breaks ${bad.breaks.join(', ')}): ${tripped.sort().join(', ') || 'nothing'}`,
        )
        expect(
          survived.map((id) => `${id}: ${byId.get(id)?.outcome} ${byId.get(id)?.message ?? ''}`),
          `${bad.name} survived`,
        ).toEqual([])
      }, 120_000)
    }
  }
})
