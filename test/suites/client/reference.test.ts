/**
 * The reference clients pass the whole client suite: v1 and v2 in-process (as `demo` runs them), v2
 * through the command adapter (one process per payment: the `--start` contract) and v1 through the
 * driver adapter (a long-running client asked by POST). Every case must pass: the reference declares its
 * budget, so nothing is skipped.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { targetEnvironment } from '../../../harness/devnet/environment.ts'
import type { CaseResult } from '../../../harness/model/result.ts'
import {
  configFromEnvironment,
  DEFAULT_CLIENT_BUDGET,
  REFERENCE_CLIENT_CLI,
  referenceClientTarget,
  startClientDriver,
} from '../../../harness/reference/client/index.ts'
import type { StartedEnvironment } from '../../../harness/runner/environment.ts'
import { hasRequirement } from '../../../suites/catalog/index.ts'
import { clientCases } from '../../../suites/client/index.ts'
import { runClientSuite, startEnvironment } from './run.ts'

let environment: StartedEnvironment

beforeAll(async () => {
  environment = await startEnvironment(11)
}, 120_000)

afterAll(async () => {
  await environment?.stop()
})

/** `id@vN: outcome — message` for everything that did not pass. */
function notPassed(results: readonly CaseResult[]): string[] {
  return results
    .filter((result) => result.outcome !== 'pass')
    .map(
      (result) =>
        `${result.id}@v${result.version}: ${result.outcome} — ${result.message ?? ''} ${result.seen ?? ''}`,
    )
}

describe('client suite against the reference clients', () => {
  test('every case cites catalogue requirements and has a unique id', () => {
    const unknown = clientCases.flatMap((definition) =>
      definition.requirements.filter((id) => !hasRequirement(id)),
    )
    expect(unknown).toEqual([])
    expect(new Set(clientCases.map((definition) => definition.id)).size).toBe(clientCases.length)
  })

  for (const version of [1, 2] as const) {
    test(`reference client v${version} (in-process) passes every case`, async () => {
      const run = await runClientSuite(environment, referenceClientTarget({ versions: [version] }), {
        budget: DEFAULT_CLIENT_BUDGET,
      })
      expect(run.versions).toEqual([version])
      expect(notPassed(run.results)).toEqual([])
      const expected = clientCases.filter((definition) => definition.versions.includes(version)).length
      expect(run.results).toHaveLength(expected)
    }, 300_000)
  }

  test('reference client v2 as a command (one process per payment) passes every case', async () => {
    const command = `${process.execPath} ${REFERENCE_CLIENT_CLI} --x402-version 2 {url}`
    const run = await runClientSuite(
      environment,
      { kind: 'start', command },
      { budget: DEFAULT_CLIENT_BUDGET, timeoutMs: 60_000 },
    )
    expect(run.versions).toEqual([2])
    expect(notPassed(run.results)).toEqual([])
  }, 600_000)

  test('reference client v1 as a driver (POST {url}) passes every case (those needing its chain skip)', async () => {
    const payer = await environment.environment.devnet.fundedAccount()
    const env = {
      ...targetEnvironment(environment.environment.devnet, {
        facilitatorUrl: environment.environment.facilitatorUrl,
      }),
      X402_PRIVATE_KEY: payer.privateKey,
    }
    const driver = await startClientDriver(configFromEnvironment(env, [1]))
    try {
      const run = await runClientSuite(
        environment,
        { kind: 'driver', url: driver.url },
        { budget: DEFAULT_CLIENT_BUDGET },
      )
      expect(run.versions).toEqual([1])
      // A driver runs on a chain of its own: cases that need the suite to share it are not applicable.
      expect(notPassed(run.results)).toEqual([
        expect.stringMatching(
          /^client\.hostile\.domain-mismatch@v1: skip — the target does not offer: chain \(/,
        ),
      ])
    } finally {
      await driver.stop()
    }
  }, 300_000)
})
