/**
 * The settlement_pending and EXTENSION-RESPONSES server cases against the reference server (which
 * settles a pending payment again and keeps the sidechannel to itself): each passes. The known-bads
 * that break RS-49, RS-50 and RS-51 are in known-bad.test.ts.
 */
import { describe, expect, test } from 'vitest'
import { referenceServerTarget } from '../../../harness/reference/server/index.ts'
import { runServerSuite } from './run.ts'

const CASES = [
  'server.failure.settle-pending',
  'server.failure.settle-pending-retry',
  'server.extension-responses.not-forwarded',
]

for (const version of [2, 1] as const) {
  describe(`reference server v${version}`, () => {
    test('passes the settlement_pending and EXTENSION-RESPONSES cases', async () => {
      const run = await runServerSuite(referenceServerTarget(version), { caseIds: CASES, seed: 13 })
      const expected = version === 2 ? 3 : 2
      expect(run.results).toHaveLength(expected)
      const wrong = run.results
        .filter((result) => result.outcome !== 'pass')
        .map((result) => `${result.id}: ${result.outcome} ${result.message ?? ''} ${result.seen ?? ''}`)
      expect(wrong).toEqual([])
    }, 120_000)
  })
}
