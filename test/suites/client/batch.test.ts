/**
 * The client suite's batch-settlement cases (suites/client/cases/batch.ts) judged against the reference
 * client v2 (in-process and as a command: every case passes), an exact-only client (every case
 * skips, none fails) and the known-bad batch clients (each caught by the cases it names).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  DEFAULT_CLIENT_BUDGET,
  defaultSteps,
  REFERENCE_CLIENT_CLI,
  referenceClientTarget,
} from '../../../harness/reference/client/index.ts'
import type { StartedEnvironment } from '../../../harness/runner/environment.ts'
import { batchCases } from '../../../suites/client/cases/batch.ts'
import { knownBadBatchClients } from '../../known-bad/client/batch-clients.ts'
import { outcomes, runClientSuite, startEnvironment } from './run.ts'

const caseIds = batchCases.map((definition) => definition.id)

let environment: StartedEnvironment

beforeAll(async () => {
  environment = await startEnvironment(13)
}, 120_000)

afterAll(async () => {
  await environment?.stop()
})

/** `id@vN: outcome — message` for every result that is not `wanted`. */
function other(results: Awaited<ReturnType<typeof runClientSuite>>['results'], wanted: string): string[] {
  return results
    .filter((result) => result.outcome !== wanted)
    .map(
      (result) =>
        `${result.id}@v${result.version}: ${result.outcome} — ${result.message ?? ''} ${result.seen ?? ''}`,
    )
}

describe('client batch-settlement cases', () => {
  test('reference client v2 (in-process) passes every batch case', async () => {
    const run = await runClientSuite(environment, referenceClientTarget({ versions: [2] }), {
      caseIds,
      budget: DEFAULT_CLIENT_BUDGET,
    })
    expect(other(run.results, 'pass')).toEqual([])
    expect(run.results).toHaveLength(batchCases.length)
  }, 300_000)

  test('reference client v2 as a command (file channel records) passes every batch case', async () => {
    const command = `${process.execPath} ${REFERENCE_CLIENT_CLI} --x402-version 2 {url}`
    const run = await runClientSuite(environment, { kind: 'start', command }, { caseIds, timeoutMs: 120_000 })
    expect(other(run.results, 'pass')).toEqual([])
  }, 600_000)

  test('a client that pays exact only skips every batch case', async () => {
    const exactOnly = referenceClientTarget({
      versions: [2],
      label: 'exact-only client',
      steps: {
        choose: async (challenge, context) => {
          const offer = await defaultSteps.choose(challenge, context)
          return offer?.scheme === 'exact' ? offer : undefined
        },
      },
    })
    const run = await runClientSuite(environment, exactOnly, { caseIds })
    expect(other(run.results, 'skip')).toEqual([])
    // Each skip says what would run it.
    for (const result of run.results)
      expect(result.message, result.id).toMatch(/client that pays batch-settlement/)
  }, 300_000)

  test('a client answering batch offers with exact payloads fails once; the other batch cases are not run because of it', async () => {
    const bad = knownBadBatchClients.find((candidate) => candidate.name === 'batch-pays-exact')!
    const run = await runClientSuite(
      environment,
      referenceClientTarget({ versions: [2], steps: bad.replace, label: 'batch-pays-exact' }),
      { caseIds, budget: DEFAULT_CLIENT_BUDGET },
    )
    const root = run.results.find((result) => result.id === 'client.batch.offered-scheme')!
    expect(root.outcome, root.message).toBe('fail')
    const others = run.results.filter((result) => result.id !== root.id)
    expect(others).toHaveLength(batchCases.length - 1)
    for (const result of others) {
      expect(result.outcome, result.id).toBe('skip')
      expect(result.message).toBe('not run: depends on client.batch.offered-scheme, which failed')
      expect(result.blockedBy?.id).toBe('client.batch.offered-scheme')
      expect(result.evidence).toEqual([])
    }
  }, 300_000)

  for (const bad of knownBadBatchClients) {
    test(`known-bad ${bad.name}: ${bad.defect}`, async () => {
      const run = await runClientSuite(
        environment,
        referenceClientTarget({ versions: [2], steps: bad.replace, label: `known-bad ${bad.name}` }),
        { caseIds, budget: DEFAULT_CLIENT_BUDGET },
      )
      const seen = outcomes(run.results)
      const survived = Object.entries(bad.caughtBy)
        .filter(([key, outcome]) => seen[key] !== outcome)
        .map(([key, outcome]) => `${key}: expected ${outcome}, got ${seen[key] ?? 'no result'}`)
      const alsoTripped = Object.entries(seen)
        .filter(([key, outcome]) => outcome !== 'pass' && !(key in bad.caughtBy))
        .map(([key, outcome]) => `${key}=${outcome}`)
      console.info(`known-bad ${bad.name}: also trips ${alsoTripped.join(', ') || 'nothing else'}`)
      expect(survived).toEqual([])
      expect(Object.entries(seen).filter(([, outcome]) => outcome === 'error')).toEqual([])
    }, 300_000)
  }
})
