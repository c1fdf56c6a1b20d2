/**
 * The coverage lines every run prints (issue 14: in-scope MUSTs covered ≥ 90%, printed): the
 * per-role counts, then the share of the catalogue's in-scope MUSTs that have at least one case.
 */
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { printCoverage } from '../../../cli/run-output.ts'
import type { RoleSuite } from '../../../harness/runner/suite.ts'
import { catalog } from '../../../suites/catalog/index.ts'
import { suites } from '../../../suites/index.ts'

function printed(of: readonly RoleSuite[]): string {
  const out = new PassThrough()
  let text = ''
  out.on('data', (chunk) => {
    text += String(chunk)
  })
  printCoverage(out, of)
  return text
}

describe('coverage lines', () => {
  it('prints the share of in-scope MUSTs with a case, at least 90% for the project suites', () => {
    const line = /in-scope MUSTs with a case: (\d+)\/(\d+) \((\d+\.\d)%\)/.exec(printed(suites))
    expect(line).not.toBeNull()
    const [covered, total] = [Number(line?.[1]), Number(line?.[2])]
    const musts = catalog.filter((r) => r.level === 'MUST' && r.scope !== 'later')
    expect(total).toBe(musts.length)
    expect(covered / total).toBeGreaterThanOrEqual(0.9)
  })

  it('names the MUSTs no case covers, and counts none covered for a suite list without cases', () => {
    const empty = suites.map((suite) => ({ ...suite, cases: [] })) as unknown as RoleSuite[]
    const text = printed(empty)
    expect(text).toMatch(/in-scope MUSTs with a case: 0\/\d+ \(0\.0%\); none yet for [A-Z]+-\d+, /)
  })
})
