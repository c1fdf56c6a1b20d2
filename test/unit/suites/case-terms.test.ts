import { describe, expect, it } from 'vitest'
import { citedVersions, strongestLevel, withCatalogTerms } from '../../../suites/case-terms.ts'
import { requirementById } from '../../../suites/catalog/index.ts'
import { suites } from '../../../suites/index.ts'

const run = async () => {}

describe('a case takes its level and versions from the requirements it cites', () => {
  it('grades at the strongest cited level; schema only when every row is schema', () => {
    // FA-35 is a v1 MAY, FA-34 a v2 MUST (test/unit/catalog/catalog.test.ts pins both).
    expect(strongestLevel(['FA-35'])).toBe('MAY')
    expect(strongestLevel(['FA-35', 'FA-34'])).toBe('MUST')
    const schemaRows = suites
      .flatMap((suite) => suite.cases)
      .flatMap((definition) => definition.requirements)
      .filter((id) => requirementById(id).level === 'schema')
    expect(schemaRows.length).toBeGreaterThan(0)
    expect(strongestLevel([schemaRows[0]!])).toBe('schema')
    expect(strongestLevel([schemaRows[0]!, 'FA-35'])).toBe('MUST')
  })

  it('runs at every version one cited requirement applies to, within the role', () => {
    expect(citedVersions(['FA-35'])).toEqual([1])
    expect(citedVersions(['FA-35', 'FA-34'])).toEqual([1, 2])
    expect(citedVersions(['FA-35', 'FA-34'], [2])).toEqual([2])
  })

  it('fills what the case leaves out and keeps what it narrows', () => {
    const filled = withCatalogTerms({
      id: 'facilitator.test.filled',
      title: 't',
      requirements: ['FA-34'],
      run,
    })
    expect(filled).toMatchObject({ level: 'MUST', versions: [2] })
    const narrowed = withCatalogTerms({
      id: 'facilitator.test.narrowed',
      title: 't',
      requirements: ['FA-35', 'FA-34'],
      versions: [2],
      level: 'SHOULD',
      run,
    })
    expect(narrowed).toMatchObject({ level: 'SHOULD', versions: [2] })
  })

  it('refuses a stated level its requirements already give (say it once)', () => {
    expect(() =>
      withCatalogTerms({
        id: 'facilitator.test.restated',
        title: 't',
        requirements: ['FA-34'],
        level: 'MUST',
        run,
      }),
    ).toThrow('states level MUST, which its requirements already give')
  })

  it('refuses versions none of its requirements applies to', () => {
    expect(() =>
      withCatalogTerms({
        id: 'facilitator.test.foreign',
        title: 't',
        requirements: ['FA-34'],
        versions: [1, 2],
        run,
      }),
    ).toThrow('runs at v1, where none of its requirements applies')
  })

  it('every registered case runs only where a cited requirement applies', () => {
    for (const definition of suites.flatMap((suite) => suite.cases)) {
      const cited = citedVersions(definition.requirements)
      for (const version of definition.versions) expect(cited, definition.id).toContain(version)
    }
  })
})
