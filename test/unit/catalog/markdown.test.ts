import { describe, expect, it } from 'vitest'
import { catalog, catalogMarkdown, requirementById, SPEC } from '../../../suites/catalog/index.ts'
import { buildCatalog } from '../../../suites/catalog/load.ts'
import { renderCatalogMarkdown } from '../../../suites/catalog/markdown.ts'
import { FOUNDATION_CORE_V2_2026_09 } from '../../../suites/catalog/spec.ts'

/** Splits a table row on pipes that are not escaped. */
const cells = (row: string): string[] =>
  row
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim())

const rowsOf = (markdown: string): string[] =>
  markdown.split('\n').filter((line) => /^\| (RS|CL|FA|X)-/.test(line))

describe('catalogMarkdown', () => {
  const markdown = catalogMarkdown()

  it('renders one well-formed row per requirement under a header naming the pinned commit', () => {
    expect(markdown).toContain(`\`${SPEC.commit}\``)
    expect(markdown).toContain('| ID | Level | Role | Versions | Scope | Statement | Spec | SDK deviations |')
    const rows = rowsOf(markdown)
    expect(rows).toHaveLength(catalog.length)
    for (const row of rows) expect(cells(row), row.slice(0, 12)).toHaveLength(8)
    expect(rows.map((row) => cells(row)[0])).toEqual(catalog.map((r) => r.id))
  })

  it('links each citation at the commit it was read at', () => {
    const rs14 = rowsOf(markdown).find((row) => row.startsWith('| RS-14 |')) ?? ''
    expect(rs14).toContain(
      `https://github.com/x402-foundation/x402/blob/${SPEC.commit}/specs/transports-v2/http.md`,
    )
    expect(rs14).toMatch(/@x402\/\* 2\.27/)
    expect(rs14).not.toContain('(newer:')
    const fa55 = rowsOf(markdown).find((row) => row.startsWith('| FA-55 |')) ?? ''
    expect(fa55).toContain(
      `x402-foundation/x402/blob/${FOUNDATION_CORE_V2_2026_09.commit}/specs/x402-specification-v2.md`,
    )
    expect(fa55).toContain('(newer: 8efa37d)')
  })

  it('can leave later entries out', () => {
    const nowOnly = rowsOf(catalogMarkdown({ includeLater: false, title: '' }))
    expect(nowOnly).toHaveLength(catalog.filter((r) => r.scope === 'now').length)
    expect(nowOnly.some((row) => row.startsWith('| RS-25 |'))).toBe(false)
    expect(requirementById('RS-25').scope).toBe('later')
  })

  it('escapes pipes and line breaks inside cells', () => {
    const [entry] = buildCatalog([
      {
        id: 'RS-900',
        level: 'MUST',
        role: 'server',
        versions: [1],
        statement: 'A | B\nC.',
        spec: { file: 'specs/transports-v1/http.md', section: 'Error Handling' },
        basis: 'error-table',
      },
    ])
    const out = renderCatalogMarkdown(entry === undefined ? [] : [entry], { title: '' })
    const [row] = rowsOf(out)
    expect(row).toContain('A \\| B C.')
    expect(cells(row ?? '')).toHaveLength(8)
    expect(out.startsWith('Spec: ')).toBe(true)
  })
})
