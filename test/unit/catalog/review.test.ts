import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { catalog, RESERVED_IDS } from '../../../suites/catalog/index.ts'
import { REVIEW_2026_12, reviewRecords } from '../../../suites/catalog/review-2026-12.ts'
import { SPEC } from '../../../suites/catalog/spec.ts'

const DOC = new URL('../../../docs/spec-review-2026-12-03.md', import.meta.url)

describe('the 2026-12 review of the catalogue', () => {
  it('reviewed up to the current pin', () => {
    expect(REVIEW_2026_12.to).toEqual(SPEC)
  })

  it('has exactly one record per catalogue entry and per retired id', () => {
    const ids = reviewRecords.map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
    const live = reviewRecords.filter((r) => r.outcome !== 'retired').map((r) => r.id)
    expect([...live].sort()).toEqual(catalog.map((r) => r.id).sort())
    for (const record of reviewRecords) expect(record.note.length, record.id).toBeGreaterThan(20)
  })

  it('keeps every retired id reserved, as a tombstone no entry can take', () => {
    const retired = reviewRecords.filter((r) => r.outcome === 'retired')
    expect(retired.map((r) => r.id)).toContain('CL-14')
    for (const record of retired) expect(RESERVED_IDS[record.id], record.id).toMatch(/retired/)
  })

  it('is summarised by docs/spec-review-2026-12-03.md with the same counts', () => {
    const doc = readFileSync(DOC, 'utf8')
    for (const outcome of ['unchanged', 'reworded', 'new', 'retired'] as const) {
      const count = reviewRecords.filter((r) => r.outcome === outcome).length
      expect(doc, outcome).toContain(`| ${outcome} | ${count} |`)
    }
    for (const record of reviewRecords.filter((r) => r.outcome !== 'unchanged'))
      expect(doc, record.id).toContain(`| ${record.id} |`)
  })
})
