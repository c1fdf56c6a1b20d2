import { describe, expect, it } from 'vitest'
import { catalog, NEWER_SOURCES, SPEC, SPEC_FILES } from '../../../suites/catalog/index.ts'
import { citedHeading, loadSpecIndex, unresolvedReason } from '../../../suites/catalog/spec-index.ts'
import { findSection, parseSpecHeadings } from '../../../suites/catalog/spec-sections.ts'

const index = loadSpecIndex()

describe('catalogue citations resolve in the committed spec index', () => {
  it('names the foundation pin, and the index was made at that pin and the newer sources', () => {
    expect(SPEC).toEqual({
      repository: 'https://github.com/x402-foundation/x402',
      commit: '92f06b52bfa0920c736484a0900815832d6c0fed',
    })
    const pinned = index.sources.find((s) => s.commit === SPEC.commit)
    expect(pinned?.repository).toBe(SPEC.repository)
    expect(Object.keys(pinned?.files ?? {}).sort()).toEqual(SPEC_FILES.filter((f) => f.endsWith('.md')))
    for (const newer of NEWER_SOURCES) {
      const indexed = index.sources.find((s) => s.commit === newer.commit)
      expect(indexed, newer.commit).toBeDefined()
      expect(Object.keys(indexed?.files ?? {}).sort()).toEqual([...newer.files].sort())
    }
  })

  it('finds the file at its source and the cited section heading in that file, for every entry', () => {
    const unresolved: string[] = []
    for (const r of catalog)
      for (const citation of [r.spec, ...(r.seeAlso ?? [])]) {
        const reason = unresolvedReason(index, citation, SPEC)
        if (reason !== undefined) unresolved.push(`${r.id}: ${reason}`)
      }
    expect(unresolved).toEqual([])
  })

  it('has a section hash for every cited section (the drift script compares them)', () => {
    const untracked = catalog.flatMap((r) =>
      [r.spec, ...(r.seeAlso ?? [])]
        .filter((citation) => citedHeading(index, citation, SPEC)?.hash === null)
        .map((citation) => `${r.id}: ${citation.section}`),
    )
    expect(untracked).toEqual([])
  })
})

describe('spec headings', () => {
  const text = [
    '# Title',
    '',
    '**5. Types**',
    '',
    '**5.3.2 Field Descriptions**',
    '',
    'table',
    '```',
    '# not a heading',
    '```',
    '',
    '8.1 GET /discovery/resources',
    '',
    '## Phase 2: Verification Logic',
    'body',
  ].join('\n')
  const headings = parseSpecHeadings(text)

  it('reads ATX, bold-line and plain numbered headings, never lines in code fences', () => {
    expect(headings.map((h) => `${h.level} ${h.title}`)).toEqual([
      '1 Title',
      '2 5. Types',
      '4 5.3.2 Field Descriptions',
      '3 8.1 GET /discovery/resources',
      '2 Phase 2: Verification Logic',
    ])
  })

  it('resolves a citation by its last segment inside its outer segments, ignoring § and case', () => {
    expect(findSection(headings, '§5.3.2 Field Descriptions')?.title).toBe('5.3.2 Field Descriptions')
    expect(findSection(headings, '5. types / 5.3.2 field descriptions')).toBeDefined()
    expect(findSection(headings, 'Phase 2: Verification Logic / 5.3.2 Field Descriptions')).toBeUndefined()
    expect(findSection(headings, '§5.3.3 Settlement Status')).toBeUndefined()
  })

  it('hashes a section with its subsections, whitespace-insensitively', () => {
    const padded = parseSpecHeadings(text.replace('table', '  table   '))
    expect(padded.map((h) => h.hash)).toEqual(headings.map((h) => h.hash))
    const edited = parseSpecHeadings(text.replace('table', 'a changed table'))
    const changed = edited.filter((h, i) => h.hash !== headings[i]?.hash).map((h) => h.title)
    expect(changed).toEqual(['Title', '5. Types', '5.3.2 Field Descriptions'])
  })
})
