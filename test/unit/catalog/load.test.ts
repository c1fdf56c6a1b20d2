import { describe, expect, it } from 'vitest'
import { httpV2Requirements } from '../../../suites/catalog/http-v2.ts'
import { buildCatalog, CatalogError } from '../../../suites/catalog/load.ts'
import { FOUNDATION_CORE_V2_2026_09, FOUNDATION_MAIN } from '../../../suites/catalog/spec.ts'
import type { RequirementInput } from '../../../suites/catalog/types.ts'

const valid: RequirementInput = {
  id: 'RS-900',
  level: 'MUST',
  role: 'server',
  versions: [2],
  statement: 'A test requirement.',
  spec: { file: 'specs/transports-v2/http.md', section: 'Error Handling' },
  basis: 'error-table',
}

const broken = (patch: Partial<RequirementInput>): RequirementInput => ({ ...valid, ...patch })

describe('buildCatalog', () => {
  it('loads a valid entry, defaults scope to now and copies it', () => {
    const input = { ...valid, acceptedStatus: [400] }
    const [entry] = buildCatalog([input])
    expect(entry).toMatchObject({ id: 'RS-900', scope: 'now', acceptedStatus: [400] })
    input.acceptedStatus.push(402)
    expect(entry?.acceptedStatus).toEqual([400])
    expect(Object.isFrozen(entry?.acceptedStatus)).toBe(true)
  })

  it('fails on a duplicate id, within one module and across modules', () => {
    expect(() => buildCatalog([valid, { ...valid, statement: 'Another.' }])).toThrow(CatalogError)
    expect(() => buildCatalog([valid], [valid])).toThrow(/duplicate requirement id 'RS-900'/)
    expect(() => buildCatalog(httpV2Requirements, httpV2Requirements)).toThrow(
      /duplicate requirement id 'RS-1'/,
    )
  })

  it.each(['RS-01', 'RS-0', 'rs-1', 'XX-1', 'RS1', 'RS-1a', ' RS-1'])('refuses the malformed id %j', (id) => {
    expect(() => buildCatalog([broken({ id })])).toThrow(/is not RS-n, CL-n, FA-n or X-n/)
  })

  it('refuses a reserved id and a role that does not match the prefix', () => {
    expect(() => buildCatalog([broken({ id: 'RS-33' })])).toThrow(/reserved/)
    expect(() => buildCatalog([broken({ role: 'client' })])).toThrow(/does not match the RS- prefix/)
    expect(() => buildCatalog([broken({ id: 'X-900', role: 'server' })])).toThrow(/prefix/)
  })

  it('refuses citations outside the pinned spec list', () => {
    expect(() => buildCatalog([broken({ spec: { file: 'specs/nope.md', section: 'x' } })])).toThrow(
      /not in the pinned spec file list/,
    )
    expect(() =>
      buildCatalog([broken({ spec: { file: 'specs/transports-v2/http.md', section: ' ' } })]),
    ).toThrow(/no section/)
    expect(() =>
      buildCatalog([broken({ seeAlso: [{ file: 'specs/transports-v3/http.md', section: 'x' }] })]),
    ).toThrow(/seeAlso/)
    // A newer source's file is fine at its own snapshot, not another file there; the pin under its
    // FOUNDATION_MAIN name is the pin; a file the pin lacks is refused there.
    const core = 'specs/x402-specification-v2.md'
    const batchEvm = 'specs/schemes/batch-settlement/scheme_batch_settlement_evm.md'
    expect(() =>
      buildCatalog([broken({ spec: { file: core, section: 'x', source: FOUNDATION_CORE_V2_2026_09 } })]),
    ).not.toThrow()
    expect(() =>
      buildCatalog([broken({ spec: { file: batchEvm, section: 'x', source: FOUNDATION_CORE_V2_2026_09 } })]),
    ).toThrow(CatalogError)
    expect(() =>
      buildCatalog([broken({ spec: { file: batchEvm, section: 'x', source: FOUNDATION_MAIN } })]),
    ).not.toThrow()
    const renamed = 'specs/schemes/batch-settlement/batch_settlement.md'
    expect(() => buildCatalog([broken({ spec: { file: renamed, section: 'x' } })])).toThrow(CatalogError)
  })

  it('refuses bad levels, bases, versions, statuses and reason codes', () => {
    expect(() => buildCatalog([broken({ level: 'MUST NOT' as 'MUST' })])).toThrow(/unknown level/)
    expect(() => buildCatalog([broken({ basis: 'vibes' as 'implied' })])).toThrow(/unknown basis/)
    expect(() => buildCatalog([broken({ level: 'schema' })])).toThrow(/schema-table/)
    expect(() => buildCatalog([broken({ versions: [] })])).toThrow(/versions/)
    expect(() => buildCatalog([broken({ versions: [3 as 2] })])).toThrow(/versions/)
    expect(() => buildCatalog([broken({ versions: [2, 2] })])).toThrow(/repeat/)
    expect(() => buildCatalog([broken({ acceptedStatus: [42] })])).toThrow(/HTTP status/)
    expect(() => buildCatalog([broken({ acceptedReasons: ['made_up_code'] })])).toThrow(/unknown reason code/)
    expect(() => buildCatalog([broken({ statement: '  ' })])).toThrow(/empty statement/)
  })

  it('requires a reason for later scope and no reason otherwise', () => {
    expect(() => buildCatalog([broken({ scope: 'later' })])).toThrow(/scopeReason/)
    expect(() => buildCatalog([broken({ scopeReason: 'why not' })])).toThrow(/scope is not 'later'/)
    const [entry] = buildCatalog([broken({ scope: 'later', scopeReason: 'MCP is out of scope for now' })])
    expect(entry?.scope).toBe('later')
  })

  it('requires complete deviations', () => {
    const deviation = { sdks: [], behaviour: 'b', suiteHolds: 's', why: 'w' }
    expect(() => buildCatalog([broken({ deviations: [deviation] })])).toThrow(/deviation/)
    expect(() => buildCatalog([broken({ deviations: [{ ...deviation, sdks: ['go'], why: '' }] })])).toThrow(
      /deviation/,
    )
  })
})
