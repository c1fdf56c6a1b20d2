/**
 * The real published client with upto registered (test/sdk/upto-client-cli.ts: `@x402/fetch` 2.27 with
 * `@x402/evm` 2.27's exact and upto clients, one process per payment) against the client suite's
 * Permit2 cases. Outcomes are pinned in test/sdk/expectations/client-permit2.json, a ratchet like
 * ./sdk.test.ts. `UPDATE_EXPECTATIONS=1` rewrites the file.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { StartedEnvironment } from '../../../harness/runner/environment.ts'
import { permit2Cases } from '../../../suites/client/cases/permit2.ts'
import { sdkUptoClientCommand } from '../../sdk/upto-client-cli.ts'
import { outcomes, runClientSuite, startEnvironment } from './run.ts'

const EXPECTATIONS = new URL('../../sdk/expectations/client-permit2.json', import.meta.url)
const NAME = '@x402/fetch 2.27 + @x402/evm exact and upto (command)'

type Expectations = Record<string, Record<string, string>>

const update = process.env.UPDATE_EXPECTATIONS === '1'
const expectations: Expectations = update
  ? {}
  : (JSON.parse(readFileSync(EXPECTATIONS, 'utf8')) as Expectations)

let environment: StartedEnvironment

beforeAll(async () => {
  environment = await startEnvironment(23)
}, 120_000)

afterAll(async () => {
  await environment?.stop()
  if (update) writeFileSync(EXPECTATIONS, `${JSON.stringify(expectations, null, 2)}\n`)
})

describe('client Permit2 cases against the real SDK client with upto (command adapter)', () => {
  test(`${NAME} matches its pinned outcomes`, async () => {
    const run = await runClientSuite(environment, sdkUptoClientCommand(), {
      caseIds: permit2Cases.map((definition) => definition.id),
      timeoutMs: 120_000,
    })
    expect(run.versions).toContain(2)
    const seen = Object.fromEntries(
      Object.entries(outcomes(run.results)).sort(([a], [b]) => (a < b ? -1 : 1)),
    )
    if (update) {
      expectations[NAME] = seen
      return
    }
    const pinned = expectations[NAME] ?? {}
    const differences = [...new Set([...Object.keys(pinned), ...Object.keys(seen)])]
      .filter((key) => pinned[key] !== seen[key])
      .map((key) => {
        const result = run.results.find((candidate) => `${candidate.id}@v${candidate.version}` === key)
        return `${key}: pinned ${pinned[key] ?? '(none)'}, seen ${seen[key] ?? '(not run)'}${result?.message ? ` — ${result.message}` : ''}`
      })
    expect(differences).toEqual([])
  }, 600_000)
})
