/**
 * The real published facilitators against the facilitator suite, with pinned expectations
 * (test/sdk/expectations/facilitator.json): every case's outcome per `<id>@v<version>` is pinned, so an
 * unexpected failure and an unexpected pass both fail this test (a ratchet). Deviations from the spec are
 * explained in docs/findings/facilitator.md. To re-pin after a deliberate change:
 *
 *   X402_WRITE_EXPECTATIONS=1 npx vitest run test/suites/facilitator/sdk.test.ts
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Outcome } from '../../../harness/model/result.ts'
import { type StartedEnvironment, startWorkerEnvironment } from '../../../harness/runner/environment.ts'
import { type SdkFacilitatorName, startSdkFacilitator } from '../../sdk/facilitators.ts'
import { runFacilitatorSuite } from './run.ts'

/** The expectations file: per published facilitator, the pinned outcome of every case run. */
interface Expectations {
  schemaVersion: 1
  suite: 'x402-conformance'
  role: 'facilitator'
  targets: Record<string, { expected: Record<string, Outcome>; notes?: Record<string, string> }>
}

const FILE = new URL('../../sdk/expectations/facilitator.json', import.meta.url)
const SDKS: readonly SdkFacilitatorName[] = ['@x402/core+@x402/evm 2.27', 'x402 1.2']
const UPDATE = process.env.X402_WRITE_EXPECTATIONS === '1'

const expectations: Expectations = JSON.parse(readFileSync(FILE, 'utf8')) as Expectations
let started: StartedEnvironment

beforeAll(async () => {
  started = await startWorkerEnvironment({ seed: 1402 })
}, 60_000)
afterAll(async () => {
  await started?.stop()
  if (UPDATE) writeFileSync(FILE, `${JSON.stringify(expectations, null, 2)}\n`)
})

describe('published facilitators × facilitator suite (pinned expectations)', () => {
  for (const sdk of SDKS) {
    it(`${sdk} matches its pinned outcomes`, async () => {
      const run = await runFacilitatorSuite(
        { kind: 'in-process', label: sdk, create: (environment) => startSdkFacilitator(sdk, environment) },
        started.environment,
      )
      const pinned = expectations.targets[sdk]
      if (UPDATE) {
        expectations.targets[sdk] = {
          expected: run.outcomes,
          ...(pinned?.notes ? { notes: pinned.notes } : {}),
        }
        return
      }
      expect(pinned, `no expectations for ${sdk}`).toBeDefined()
      const differences = [...new Set([...Object.keys(pinned!.expected), ...Object.keys(run.outcomes)])]
        .sort()
        .filter((key) => pinned!.expected[key] !== run.outcomes[key])
        .map((key) => {
          const result = run.results.find((candidate) => `${candidate.id}@v${candidate.version}` === key)
          const why = result?.message ? ` (${result.message.slice(0, 200)})` : ''
          return `${key}: pinned ${pinned!.expected[key] ?? 'nothing'}, now ${run.outcomes[key] ?? 'not run'}${why}`
        })
      expect(differences, `${sdk} differs from test/sdk/expectations/facilitator.json`).toEqual([])
    }, 300_000)
  }

  it('every pinned deviation has a note pointing at docs/findings/facilitator.md', () => {
    for (const [sdk, pinned] of Object.entries(expectations.targets)) {
      const deviations = Object.entries(pinned.expected).filter(
        ([, outcome]) => outcome === 'fail' || outcome === 'warn',
      )
      const unexplained = deviations.filter(([key]) => !pinned.notes?.[key])
      expect(unexplained.map(([key]) => `${sdk} ${key}`)).toEqual([])
    }
  })
})
