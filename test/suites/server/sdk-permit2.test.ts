/**
 * The real @x402/express 2.27 server offering exact with Permit2 and upto (test/sdk/permit2-server.ts)
 * through the server suite's Permit2 cases, with pinned outcomes
 * (test/sdk/expectations/server-permit2.json): a ratchet like test/suites/server/sdk.test.ts.
 * X402_WRITE_EXPECTATIONS=1 rewrites the file from this run.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { describe, expect, test } from 'vitest'
import { type Baseline, formatBaseline, parseBaseline } from '../../../harness/model/baseline.ts'
import { serverCases } from '../../../suites/server/cases/index.ts'
import { SDK_PERMIT2_SERVER, sdkPermit2ServerTarget } from '../../sdk/permit2-server.ts'
import { outcomes, runServerSuite } from './run.ts'

const FILE = new URL('../../sdk/expectations/server-permit2.json', import.meta.url)
const WRITE = process.env.X402_WRITE_EXPECTATIONS === '1'
const PERMIT2_CASES = serverCases
  .filter((definition) => definition.id.startsWith('server.permit2.'))
  .map((definition) => definition.id)

describe('the published server offering Permit2 payments against the server suite', () => {
  test(`${SDK_PERMIT2_SERVER} has exactly its pinned outcomes`, async () => {
    const run = await runServerSuite(sdkPermit2ServerTarget(), {
      caseIds: PERMIT2_CASES,
      concurrency: 4,
      seed: 5,
    })
    const seen = outcomes(run.results)
    if (WRITE) {
      const next: Baseline = {
        schemaVersion: 1,
        suite: 'x402-conformance',
        target: `server suite Permit2 cases: ${SDK_PERMIT2_SERVER}, wired to the devnet's built-in facilitator`,
        createdAt: new Date().toISOString(),
        expected: seen as Baseline['expected'],
      }
      await writeFile(FILE, formatBaseline(next))
      return
    }
    const pinned = parseBaseline(await readFile(FILE, 'utf8'), 'test/sdk/expectations/server-permit2.json')
    const details = run.results
      .filter((result) => seen[`${result.id}@v2`] !== pinned.expected[`${result.id}@v2`])
      .map(
        (result) =>
          `${result.id}@v2: ${result.outcome} (${result.message ?? 'no message'}; seen ${result.seen ?? '-'})`,
      )
    expect(seen, details.join('\n')).toEqual(pinned.expected)
  }, 120_000)
})
