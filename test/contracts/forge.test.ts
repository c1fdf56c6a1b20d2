/**
 * The Solidity side: the forge tests pass (offline, solc-js through contracts/solc/solc), and the
 * committed contracts/artifacts match a fresh compile of contracts/src.
 */
import { readdir, readFile, rm } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { artifactsDir, buildArtifactsInTemp } from '../../contracts/build.ts'
import { runForge } from '../../contracts/forge.ts'

/** One test's outcome in `forge test --json`. */
interface ForgeTestOutcome {
  status: string
  reason: string | null
}

/** `forge test --json` output: suite -> test name -> outcome. */
function parseForgeJson(stdout: string): Map<string, ForgeTestOutcome> {
  const parsed: unknown = JSON.parse(stdout)
  const outcomes = new Map<string, ForgeTestOutcome>()
  if (typeof parsed !== 'object' || parsed === null) throw new Error('forge --json: not an object')
  for (const [suite, value] of Object.entries(parsed)) {
    if (typeof value !== 'object' || value === null || !('test_results' in value)) continue
    const results = value.test_results
    if (typeof results !== 'object' || results === null) continue
    for (const [name, outcome] of Object.entries(results)) {
      const status =
        typeof outcome === 'object' && outcome !== null && 'status' in outcome ? outcome.status : undefined
      const reason =
        typeof outcome === 'object' && outcome !== null && 'reason' in outcome ? outcome.reason : null
      outcomes.set(`${suite.split(':').at(-1)}.${name}`, {
        status: String(status),
        reason: typeof reason === 'string' ? reason : null,
      })
    }
  }
  return outcomes
}

/** Where two texts first differ, in a few characters of context. */
function describeDiff(actual: string, expected: string): string {
  if (actual === expected) return 'is the same'
  let at = 0
  while (at < actual.length && actual[at] === expected[at]) at++
  const around = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 20), at + 20))
  return `differs at character ${at}: committed ${around(actual)}, fresh ${around(expected)}`
}

describe('contracts', () => {
  it('forge test passes', async () => {
    const result = await runForge(['test', '--json'])
    // forge prints compiler progress before the JSON document on a cold cache.
    const json = result.stdout.slice(result.stdout.indexOf('{'))
    expect(result.stdout, `forge test printed no JSON.\n${result.stderr}`).toContain('{')
    const outcomes = parseForgeJson(json)
    const failed = [...outcomes].filter(([, outcome]) => outcome.status !== 'Success')
    expect(failed.map(([name, outcome]) => `${name}: ${outcome.reason}`)).toEqual([])
    expect(result.code, result.stderr).toBe(0)
    // The cases the devnet relies on really ran (a renamed or skipped test would otherwise go unnoticed).
    for (const name of [
      'UsdcTest.test_codeMove_baseSepolia()',
      'UsdcTest.test_codeMove_base()',
      'UsdcTest.test_transferWithAuthorization_movesFundsAndMarksNonce()',
      'UsdcTest.test_smartWallet_paysWithBytesForm()',
      'Multicall3Test.test_aggregate3_allowFailureKeepsGoing()',
    ]) {
      expect(outcomes.get(name)?.status, name).toBe('Success')
    }
    // A fresh clone compiles every contract first (Permit2 and the proxies included): minutes on a busy 2-core machine.
  }, 180_000)

  it('committed artifacts match a fresh compile (else run npm run contracts:build)', async () => {
    const fresh = await buildArtifactsInTemp()
    try {
      const committed = (await readdir(artifactsDir)).filter((file) => file.endsWith('.ts')).sort()
      expect(committed).toEqual(fresh.files.map((file) => basename(file)).sort())
      for (const file of fresh.files) {
        const name = basename(file)
        const expected = await readFile(file, 'utf8')
        const actual = await readFile(join(artifactsDir, name), 'utf8')
        // Creation code first: it names the clearest cause. Short messages: the bytecode is kilobytes.
        const bytecodeOf = (text: string) => /Bytecode: `0x\$\{string\}` = '(0x[0-9a-f]*)'/.exec(text)?.[1]
        expect(
          bytecodeOf(actual) === bytecodeOf(expected),
          `${name}: creation code ${describeDiff(actual, expected)}`,
        ).toBe(true)
        expect(actual === expected, `${name}: ABI or layout ${describeDiff(actual, expected)}`).toBe(true)
      }
    } finally {
      await rm(fresh.dir, { recursive: true, force: true })
    }
  })
})
