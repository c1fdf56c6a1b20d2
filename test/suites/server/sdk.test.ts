/**
 * The real published resource servers through the whole server suite, with pinned outcomes
 * (test/sdk/expectations/server.json, keys `<case>@v<version>`): a ratchet, so any change in either
 * direction (a new failure, or a deviation that got fixed) fails until the file is updated.
 * X402_WRITE_EXPECTATIONS=1 rewrites the file from this run (keeping its notes).
 */
import { readFile, writeFile } from 'node:fs/promises'
import { describe, expect, test } from 'vitest'
import { type Baseline, formatBaseline, parseBaseline } from '../../../harness/model/baseline.ts'
import { outcomes, runServerSuite } from './run.ts'
import { SDK_SERVERS, sdkServerTarget } from './sdk-targets.ts'

const FILE = new URL('../../sdk/expectations/server.json', import.meta.url)
const WRITE = process.env.X402_WRITE_EXPECTATIONS === '1'

async function expectations(): Promise<Baseline> {
  return parseBaseline(await readFile(FILE, 'utf8'), 'test/sdk/expectations/server.json')
}

describe('published resource servers against the server suite', () => {
  for (const version of [2, 1] as const) {
    test(`${SDK_SERVERS[version]} (v${version}) has exactly its pinned outcomes`, async () => {
      const run = await runServerSuite(sdkServerTarget(version), { concurrency: 4, seed: 5 })
      expect(run.versions).toEqual([version])
      const seen = outcomes(run.results)
      const pinned = await expectations()
      if (WRITE) {
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
      const details = run.results
        .filter((result) => seen[`${result.id}@v${version}`] !== wanted[`${result.id}@v${version}`])
        .map(
          (result) =>
            `${result.id}@v${version}: ${result.outcome} (${result.message ?? 'no message'}; seen ${result.seen ?? '-'})`,
        )
      expect(seen, details.join('\n')).toEqual(wanted)
    }, 120_000)
  }
})
