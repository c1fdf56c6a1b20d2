/**
 * The real published clients through the command adapter (test/sdk/client-cli.ts: one process per
 * payment, exactly as `x402-conformance client --start` runs them): `@x402/fetch` 2.27 and `x402-fetch`
 * 1.2, each with the budget its defaults declare. Their outcomes are pinned in
 * test/sdk/expectations/client.json, a ratchet: an unexpected failure and an unexpected pass both fail.
 * Deviations are explained in docs/findings/client.md. `UPDATE_EXPECTATIONS=1` rewrites the file.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { StartedEnvironment } from '../../../harness/runner/environment.ts'
import { SDK_CLIENT_CLI, SDK_DEFAULT_BUDGETS } from '../../sdk/client-cli.ts'
import { outcomes, runClientSuite, startEnvironment } from './run.ts'

const EXPECTATIONS = new URL('../../sdk/expectations/client.json', import.meta.url)

/** The SDK clients, by the name their expectations are filed under. */
const SDKS = [
  { name: '@x402/fetch 2.27', flag: 'v2', budget: SDK_DEFAULT_BUDGETS.v2, versions: [1, 2] },
  { name: 'x402-fetch 1.2', flag: 'v1', budget: SDK_DEFAULT_BUDGETS.v1, versions: [1] },
] as const

type Expectations = Record<string, Record<string, string>>

const expectations: Expectations = JSON.parse(readFileSync(EXPECTATIONS, 'utf8')) as Expectations
const update = process.env.UPDATE_EXPECTATIONS === '1'

let environment: StartedEnvironment

beforeAll(async () => {
  environment = await startEnvironment(5)
}, 120_000)

afterAll(async () => {
  await environment?.stop()
  if (update) writeFileSync(EXPECTATIONS, `${JSON.stringify(expectations, null, 2)}\n`)
})

describe('client suite against the real published SDK clients (command adapter)', () => {
  for (const sdk of SDKS) {
    test(`${sdk.name} matches its pinned outcomes`, async () => {
      const command = `${process.execPath} ${SDK_CLIENT_CLI} --sdk ${sdk.flag} {url}`
      const run = await runClientSuite(
        environment,
        { kind: 'start', command },
        { budget: sdk.budget, timeoutMs: 60_000 },
      )
      expect(run.versions).toEqual(sdk.versions)
      const seen = Object.fromEntries(
        Object.entries(outcomes(run.results)).sort(([a], [b]) => (a < b ? -1 : 1)),
      )
      if (update) {
        expectations[sdk.name] = seen
        return
      }
      const pinned = expectations[sdk.name] ?? {}
      const differences = [...new Set([...Object.keys(pinned), ...Object.keys(seen)])]
        .filter((key) => pinned[key] !== seen[key])
        .map((key) => {
          const result = run.results.find((candidate) => `${candidate.id}@v${candidate.version}` === key)
          return `${key}: pinned ${pinned[key] ?? '(none)'}, seen ${seen[key] ?? '(not run)'}${result?.message ? ` — ${result.message}` : ''}`
        })
      expect(differences).toEqual([])
    }, 900_000)
  }
})
