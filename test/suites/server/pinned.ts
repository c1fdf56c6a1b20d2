/**
 * The ratchet of the SDK server self-tests: a server's outcomes (`<case>@v<version>`) are pinned in a
 * baseline file under test/sdk/expectations/, so any change in either direction (a new failure, or a
 * deviation that got fixed) fails until the file is updated (`X402_WRITE_EXPECTATIONS=1`).
 */
import { readFile, writeFile } from 'node:fs/promises'
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import { type Baseline, formatBaseline, parseBaseline } from '../../../harness/model/baseline.ts'
import type { CaseResult } from '../../../harness/model/result.ts'
import type { TargetSpec } from '../../../harness/runner/fixture.ts'
import type { X402Version } from '../../../harness/wire/types.ts'
import { outcomes, runServerSuite } from './run.ts'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

/** Whether this run rewrites the pinned files instead of checking them. */
export const WRITE_EXPECTATIONS = process.env.X402_WRITE_EXPECTATIONS === '1'

/** The pinned baseline in `file` (errors name it by its path in the repository). */
export async function readPinned(file: URL): Promise<Baseline> {
  return parseBaseline(await readFile(file, 'utf8'), relative(ROOT, fileURLToPath(file)))
}

/** One line per result at `version` whose outcome is not the pinned one: the failure's explanation. */
export function pinnedDifferences(
  results: readonly CaseResult[],
  seen: Record<string, string>,
  pinned: Record<string, string>,
  version: X402Version,
): string {
  return results
    .filter((result) => seen[`${result.id}@v${version}`] !== pinned[`${result.id}@v${version}`])
    .map(
      (result) =>
        `${result.id}@v${version}: ${result.outcome} (${result.message ?? 'no message'}; seen ${result.seen ?? '-'})`,
    )
    .join('\n')
}

export interface PinnedServer {
  /** The server's label (the test's name). */
  label: string
  target: TargetSpec
  /** The cases it is pinned for (v2). */
  caseIds: readonly string[]
  file: URL
  /** What a rewritten file says the baseline was taken from. */
  baselineTarget: string
}

/** Declares `<label> has exactly its pinned outcomes` for a v2 server over some of the server cases. */
export function testPinnedServer(server: PinnedServer): void {
  test(`${server.label} has exactly its pinned outcomes`, async () => {
    const run = await runServerSuite(server.target, { caseIds: server.caseIds, concurrency: 4, seed: 5 })
    const seen = outcomes(run.results)
    if (WRITE_EXPECTATIONS) {
      const next: Baseline = {
        schemaVersion: 1,
        suite: 'x402-conformance',
        target: server.baselineTarget,
        createdAt: new Date().toISOString(),
        expected: seen as Baseline['expected'],
      }
      await writeFile(server.file, formatBaseline(next))
      return
    }
    const pinned = await readPinned(server.file)
    expect(seen, pinnedDifferences(run.results, seen, pinned.expected, 2)).toEqual(pinned.expected)
  }, 120_000)
}
