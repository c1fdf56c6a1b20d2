/**
 * The test layers (`npm run test:<layer>` runs one; `npm test` runs them all in one pool):
 *
 * - `unit`: no chain, no process of ours: wire, catalogue, evm builders, reports (Chromium and xmllint
 *   from npm), the import graph, runner pieces.
 * - `chain`: a real devnet or real processes: devnet, contracts, built-in facilitator, oracle, the
 *   reference batch server, the CLI and the target adapters. A test file no rule below names lands
 *   here, so a new slow file never slows the unit layer down.
 * - `self-test`: the suites against the reference implementations (all pass) and the known-bad ones
 *   (each caught).
 * - `interop`: the published SDKs, unmodified, on the devnet; their pinned expectations.
 * - `package`: the packed npm package, installed and run as a user would.
 *
 * Most files are CPU-bound on this 2-core kind of machine (signing, the devnet, Node start-up of the
 * processes under test); the rest wait on sockets and child processes, so three workers keep both
 * cores busy. Files run longest first (`LongestFirst`), so no long file starts last.
 */
import { globSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

/**
 * Every Node process the tests start (vitest's workers, CLIs, clients run once per payment, SDK
 * servers) reuses V8's compiled code across processes and runs: a third to a half of a TypeScript
 * entry point's start-up CPU (harness/reference/client/cli.ts: 0.57 s → 0.28 s).
 */
const compileCache = join(tmpdir(), 'x402-conformance-node-compile-cache')
mkdirSync(compileCache, { recursive: true })
process.env.NODE_COMPILE_CACHE ??= compileCache

type Layer = 'unit' | 'chain' | 'self-test' | 'interop' | 'package'

/** The first rule whose pattern matches a file's path (relative to the root) names its layer. */
const RULES: readonly [RegExp, Layer][] = [
  [/^test\/package\//, 'package'],
  [/^test\/(interop|sdk)\//, 'interop'],
  [/^test\/suites\/.*\/sdk[^/]*\.test\.ts$/, 'interop'],
  [/^test\/facilitator\/interop\.test\.ts$/, 'interop'],
  [/^test\/suites\//, 'self-test'],
  [/^test\/mcp\/(server|client)-/, 'self-test'],
  [/^test\/runner\/(cli|targets|dependent-cases)\.test\.ts$/, 'chain'],
  [/^test\/(unit|reports|architecture|runner)\//, 'unit'],
]

function layerOf(file: string): Layer {
  return RULES.find(([pattern]) => pattern.test(file))?.[1] ?? 'chain'
}

const ROOT = fileURLToPath(new URL('.', import.meta.url))
const FILES = globSync('test/**/*.test.ts', { cwd: ROOT }).map((file) => file.split('\\').join('/'))
const filesOf = (layer: Layer): string[] => FILES.filter((file) => layerOf(file) === layer)

/** The known-bad self-tests against every case (the score card: a CI step of its own, see .ci/run). */
const KNOWN_BAD_FULL = process.env.X402_KNOWN_BAD_FULL === '1'

/**
 * Seconds a file takes on a 2-core machine (measured with three workers busy), for the ones long enough
 * to matter: a fresh clone has no timings of earlier runs, and vitest alone would start these small
 * files last.
 */
const EXPECTED_SECONDS: readonly [RegExp, number][] = [
  [/test\/suites\/client\/sdk\.test\.ts$/, 45],
  [/test\/runner\/cli\.test\.ts$/, 40],
  [/test\/suites\/client\/reference\.test\.ts$/, 30],
  [/test\/cli\/run-errors\.test\.ts$/, 30],
  [/test\/suites\/client\/batch\.test\.ts$/, 20],
  [/test\/package\/.*\.test\.ts$/, 20],
  [/test\/cli\/run-surface\.test\.ts$/, 15],
  [/test\/interop\/sdk-exchange\.test\.ts$/, 12],
  [/test\/suites\/facilitator\/signer-race\.test\.ts$/, 11],
  [/test\/contracts\/forge\.test\.ts$/, 10],
  [/test\/suites\/client\/sdk-batch\.test\.ts$/, 9],
  [/test\/suites\/server\/(reference|unusual|sdk|offer-cli)\.test\.ts$/, 8],
  [/test\/suites\/facilitator\/(batch-lifecycle|sdk)\.test\.ts$/, 8],
  [/test\/suites\/facilitator\/known-bad(\.part\d+)?\.test\.ts$/, KNOWN_BAD_FULL ? 50 : 4],
  [/test\/suites\/server\/known-bad(\.part\d+)?\.test\.ts$/, KNOWN_BAD_FULL ? 35 : 4],
  [/test\/suites\/client\/known-bad\.test\.ts$/, KNOWN_BAD_FULL ? 30 : 4],
]

/** Longest first, across layers (vitest's own order runs one layer after the other). */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const seconds = (spec: TestSpecification): number => {
      const earlier = this.ctx.cache.getTestSpecificationResult(spec)?.duration
      const expected = EXPECTED_SECONDS.find(([pattern]) => pattern.test(spec.moduleId))?.[1] ?? 0
      return Math.max(expected, (earlier ?? 0) / 1000)
    }
    return sorted
      .map((spec, position) => ({ spec, position, seconds: seconds(spec) }))
      .sort((a, b) => b.seconds - a.seconds || a.position - b.position)
      .map(({ spec }) => spec)
  }
}

/** A layer's project; one with no file yet matches nothing (vitest's default include would match all). */
const project = (name: Layer) => {
  const files = filesOf(name)
  return { extends: true, test: { name, include: files.length > 0 ? files : [`test/.no-${name}-files`] } }
}

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    sequence: { sequencer: LongestFirst },
    projects: [
      project('unit'),
      project('chain'),
      project('self-test'),
      project('interop'),
      project('package'),
    ],
  },
})
