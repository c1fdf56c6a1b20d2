import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Drift, findDrift } from '../../../suites/catalog/drift.ts'
import { catalog, SPEC } from '../../../suites/catalog/index.ts'
import type { SpecIndex } from '../../../suites/catalog/spec-index.ts'
import { parseSpecHeadings } from '../../../suites/catalog/spec-sections.ts'
import type { Requirement } from '../../../suites/catalog/types.ts'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
/** The git mirror the pin was indexed from; the end-to-end check needs it (no network). */
const MIRROR = '/work/.mirror/coinbase+x402/repo'
const hasPin =
  existsSync(MIRROR) &&
  spawnSync('git', ['--git-dir', MIRROR, 'cat-file', '-e', `${SPEC.commit}^{commit}`]).status === 0

const file = 'specs/core.md'
const text = ['# Core', '', '## Alpha', '', 'alpha text', '', '## Beta', '', 'beta text', ''].join('\n')
const index: SpecIndex = {
  generatedBy: 'test',
  sources: [{ ...SPEC, readFrom: 'test', files: { [file]: parseSpecHeadings(text) } }],
}
const entry = (id: string, section: string): Requirement =>
  ({ id, spec: { file, section } }) as unknown as Requirement

describe('findDrift', () => {
  const entries = [entry('RS-1', 'Alpha'), entry('RS-2', 'Beta')]

  it('reports nothing for the same text, even re-padded', () => {
    expect(findDrift(entries, index, SPEC, () => text.replace('beta text', '  beta   text'))).toEqual([])
  })

  it('reports the entry whose cited section changed, and only it', () => {
    const drifts = findDrift(entries, index, SPEC, () => text.replace('beta text', 'beta text, amended'))
    expect(drifts).toEqual([{ id: 'RS-2', readAt: SPEC.commit, file, section: 'Beta', kind: 'changed' }])
  })

  it('reports a vanished section or file', () => {
    expect(findDrift(entries, index, SPEC, () => text.replace('## Alpha', '## Gamma'))).toEqual([
      { id: 'RS-1', readAt: SPEC.commit, file, section: 'Alpha', kind: 'section-missing' },
    ])
    expect(findDrift(entries, index, SPEC, () => undefined).map((d) => d.kind)).toEqual([
      'file-missing',
      'file-missing',
    ])
  })
})

describe.skipIf(!hasPin)('scripts/spec-drift.ts on a copy of the pinned spec', () => {
  // vitest runs a skipped describe's body to collect it: the copy is made only when the tests run.
  const copy = mkdtempSync(join(tmpdir(), 'x402-spec-drift-'))
  beforeAll(() => {
    execFileSync('sh', ['-c', `git --git-dir "${MIRROR}" archive ${SPEC.commit} specs | tar -x -C "${copy}"`])
  })
  afterAll(() => rmSync(copy, { recursive: true, force: true }))
  const run = () =>
    spawnSync(process.execPath, [join(ROOT, 'scripts/spec-drift.ts'), copy, '--json'], { encoding: 'utf8' })
  const atPin = (out: string) =>
    (JSON.parse(out) as { drifts: Drift[] }).drifts.filter(
      (d) => d.kind !== 'not-tracked' && d.readAt === SPEC.commit,
    )

  it('finds no drift in a pin-cited section of the unedited copy', () => {
    // Citations of newer sources may differ from the pin's own text; those read at the pin may not.
    expect(atPin(run().stdout)).toEqual([])
  })

  it('lists exactly the entries citing a section after that section is edited, and exits 1', () => {
    const path = join(copy, 'specs/x402-specification-v2.md')
    const original = readFileSync(path, 'utf8')
    const heading = '**7.3 GET /supported**\n'
    expect(original).toContain(heading)
    writeFileSync(path, original.replace(heading, `${heading}\nAn amended sentence.\n`))
    const result = run()
    expect(result.status).toBe(1)
    // The edited section and the one that contains it (a section's text includes its subsections).
    const sections = ['§7.3 GET /supported', '§7. Facilitator Interface']
    const expected = catalog.flatMap((r) =>
      [r.spec, ...(r.seeAlso ?? [])]
        .filter(
          (c) =>
            sections.includes(c.section) &&
            c.file === 'specs/x402-specification-v2.md' &&
            c.source === undefined,
        )
        .map((c) => `${r.id} ${c.section}`),
    )
    expect(expected.length).toBeGreaterThan(1)
    expect(atPin(result.stdout).map((d) => `${d.id} ${d.section}`)).toEqual(expected)
    writeFileSync(path, original)
  })
})
