/**
 * The real published resource servers through the whole server suite, with pinned outcomes
 * (test/sdk/expectations/server.json, keys `<case>@v<version>`): a ratchet, so any change in either
 * direction (a new failure, or a deviation that got fixed) fails until the file is updated.
 * X402_WRITE_EXPECTATIONS=1 rewrites the file from this run (keeping its notes).
 */
import { writeFile } from 'node:fs/promises'
import { describe, expect, test } from 'vitest'
import { type Baseline, formatBaseline } from '../../../harness/model/baseline.ts'
import { pinnedDifferences, readPinned, WRITE_EXPECTATIONS } from './pinned.ts'
import { outcomes, runServerSuite } from './run.ts'
import { SDK_SERVERS, sdkServerTarget } from './sdk-targets.ts'

const FILE = new URL('../../sdk/expectations/server.json', import.meta.url)

describe('published resource servers against the server suite', () => {
  for (const version of [2, 1] as const) {
    test(`${SDK_SERVERS[version]} (v${version}) has exactly its pinned outcomes`, async () => {
      const run = await runServerSuite(sdkServerTarget(version), { concurrency: 4, seed: 5 })
      expect(run.versions).toEqual([version])
      const seen = outcomes(run.results)
      const pinned = await readPinned(FILE)
      if (WRITE_EXPECTATIONS) {
        const expected = Object.fromEntries(
          Object.entries(pinned.expected).filter(([key]) => !key.endsWith(`@v${version}`)),
        )
        const next: Baseline = {
          ...pinned,
          createdAt: new Date().toISOString(),
          expected: { ...expected, ...seen } as Baseline['expected'],
        }
        await writeFile(FILE, formatBaseline(next))
        return
      }
      const wanted = Object.fromEntries(
        Object.entries(pinned.expected).filter(([key]) => key.endsWith(`@v${version}`)),
      )
      expect(seen, pinnedDifferences(run.results, seen, wanted, version)).toEqual(wanted)
    }, 120_000)
  }
})
