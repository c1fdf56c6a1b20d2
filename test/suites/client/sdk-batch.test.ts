/**
 * The real published batch-settlement client (test/sdk/batch-client-cli.ts: `@x402/fetch` 2.27 with
 * `@x402/evm` 2.27's BatchSettlementEvmScheme, channel records in the SDK's file storage, one process
 * per payment as `x402-conformance client --start` runs it) against the client suite's batch-settlement
 * cases. Outcomes are pinned in test/sdk/expectations/client-batch.json, a ratchet like
 * ./sdk.test.ts: an unexpected failure and an unexpected pass both fail. `UPDATE_EXPECTATIONS=1`
 * rewrites the file.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { StartedEnvironment } from '../../../harness/runner/environment.ts'
import { batchCases } from '../../../suites/client/cases/batch.ts'
import { sdkBatchClientCommand } from '../../sdk/batch-client-cli.ts'
import { outcomes, runClientSuite, startEnvironment } from './run.ts'

const EXPECTATIONS = new URL('../../sdk/expectations/client-batch.json', import.meta.url)
const NAME = '@x402/fetch 2.27 + @x402/evm batch-settlement (command)'

type Expectations = Record<string, Record<string, string>>

const expectations: Expectations = JSON.parse(readFileSync(EXPECTATIONS, 'utf8')) as Expectations
const update = process.env.UPDATE_EXPECTATIONS === '1'

let environment: StartedEnvironment

beforeAll(async () => {
  environment = await startEnvironment(17)
}, 120_000)

afterAll(async () => {
  await environment?.stop()
  if (update) writeFileSync(EXPECTATIONS, `${JSON.stringify(expectations, null, 2)}\n`)
})

describe('client batch-settlement cases against the real SDK batch client (command adapter)', () => {
  test(`${NAME} matches its pinned outcomes`, async () => {
    const run = await runClientSuite(environment, sdkBatchClientCommand(), {
      caseIds: batchCases.map((definition) => definition.id),
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
