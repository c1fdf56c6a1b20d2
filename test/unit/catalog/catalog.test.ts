import { describe, expect, it } from 'vitest'
import {
  acceptedReasons,
  catalog,
  catalogSummary,
  hasRequirement,
  KNOWN_REASON_CODES,
  NEWER_SOURCES,
  REQUIREMENT_ID_PATTERN,
  RESERVED_IDS,
  type Requirement,
  requirementById,
  requirementsFor,
  SPEC,
  SPEC_FILES,
} from '../../../suites/catalog/index.ts'

/** The ids x402-digest §5 defines; cross-references from the digest must keep resolving. */
const DIGEST_IDS: Record<string, number> = { RS: 34, CL: 18, FA: 33, X: 6 }

/** The spec files the catalogue must cover now (the brief's list). */
const IN_SCOPE_FILES = [
  'specs/x402-specification-v1.md',
  'specs/x402-specification-v2.md',
  'specs/transports-v1/http.md',
  'specs/transports-v2/http.md',
  // The MCP transport (v2 tool-result binding), covered by suites/mcp-server and suites/mcp-client.
  'specs/transports-v2/mcp.md',
  'specs/schemes/exact/scheme_exact.md',
  'specs/schemes/exact/scheme_exact_evm.md',
  // The facilitator's batch-settlement EVM rules (FA-28), covered by suites/facilitator/cases/batch.ts.
  'specs/schemes/batch-settlement/scheme_batch_settlement_evm.md',
  // payment-identifier on the server and client side (RS-29, RS-55, CL-13, CL-48; issue 14).
  'specs/extensions/payment_identifier.md',
  // Permit2 exact and upto on EVM (FA-17, FA-18, FA-24..26, FA-57, FA-61..64, RS-20, RS-21, CL-8, CL-9),
  // suites/{facilitator,server,client}/cases/permit2.ts.
  'specs/schemes/upto/scheme_upto.md',
  'specs/schemes/upto/scheme_upto_evm.md',
]

const ROLE_OF_PREFIX: Record<string, string> = { RS: 'server', CL: 'client', FA: 'facilitator', X: 'any' }

const prefixOf = (id: string): string => id.split('-')[0] ?? ''
const numberOf = (id: string): number => Number(id.split('-')[1])

describe('requirement catalogue', () => {
  it('has well-formed, unique ids whose prefix matches the role', () => {
    const ids = catalog.map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const r of catalog) {
      expect(r.id).toMatch(REQUIREMENT_ID_PATTERN)
      expect(r.role, r.id).toBe(ROLE_OF_PREFIX[prefixOf(r.id)])
    }
  })

  it('keeps every id of the digest catalogue (or reserves it with a reason)', () => {
    for (const [prefix, last] of Object.entries(DIGEST_IDS)) {
      for (let n = 1; n <= last; n++) {
        const id = `${prefix}-${n}`
        const reserved = RESERVED_IDS[id]
        if (reserved !== undefined) {
          expect(reserved.length, id).toBeGreaterThan(20)
          expect(hasRequirement(id), `${id} is reserved but catalogued`).toBe(false)
        } else expect(hasRequirement(id), `${id} missing`).toBe(true)
      }
    }
  })

  it('numbers new ids from the next free number with no gaps', () => {
    for (const prefix of Object.keys(DIGEST_IDS)) {
      const numbers = catalog.filter((r) => prefixOf(r.id) === prefix).map((r) => numberOf(r.id))
      const max = Math.max(...numbers)
      for (let n = 1; n <= max; n++) {
        const id = `${prefix}-${n}`
        expect(hasRequirement(id) || id in RESERVED_IDS, `${id} is a gap`).toBe(true)
      }
    }
  })

  it('pins one spec commit and cites only files of the pinned list (or a declared newer snapshot)', () => {
    expect(SPEC.commit).toMatch(/^[0-9a-f]{40}$/)
    expect(SPEC.repository).toBe('https://github.com/x402-foundation/x402')
    expect(SPEC.commit).toBe('92f06b52bfa0920c736484a0900815832d6c0fed')
    for (const source of NEWER_SOURCES) expect(source.commit).toMatch(/^[0-9a-f]{40}$/)
    for (const r of catalog) {
      for (const citation of [r.spec, ...(r.seeAlso ?? [])]) {
        expect(citation.section.trim(), r.id).not.toBe('')
        if (citation.source === undefined || citation.source.commit === SPEC.commit)
          expect(SPEC_FILES, r.id).toContain(citation.file)
        else {
          const newer = NEWER_SOURCES.find((s) => s.commit === citation.source?.commit)
          expect(newer, `${r.id} cites an undeclared snapshot`).toBeDefined()
          expect(newer?.repository).toBe(citation.source.repository)
          expect(newer?.files, r.id).toContain(citation.file)
        }
      }
    }
  })

  it('uses valid levels, bases and versions', () => {
    for (const r of catalog) {
      expect(['MUST', 'SHOULD', 'MAY', 'schema'], r.id).toContain(r.level)
      expect(['keyword', 'schema-table', 'mechanism', 'error-table', 'example', 'implied'], r.id).toContain(
        r.basis,
      )
      if (r.level === 'schema') expect(r.basis, r.id).toBe('schema-table')
      expect(r.versions.length, r.id).toBeGreaterThan(0)
      for (const v of r.versions) expect([1, 2], r.id).toContain(v)
      expect(r.statement, r.id).toMatch(/\.$/)
      expect(r.statement, r.id).not.toMatch(/\n/)
    }
  })

  it('covers each in-scope spec file with requirements that are in scope now', () => {
    for (const file of IN_SCOPE_FILES) {
      const cited = catalog.filter((r) => r.scope === 'now' && r.spec.file === file)
      expect(cited.length, file).toBeGreaterThan(0)
    }
    for (const version of [1, 2] as const)
      for (const role of ['server', 'client', 'facilitator'] as const)
        expect(
          catalog.some((r) => r.scope === 'now' && r.role === role && r.versions.includes(version)),
          `${role} v${version}`,
        ).toBe(true)
  })

  it('marks everything outside the in-scope files as later, each with a reason', () => {
    for (const r of catalog) {
      if (r.scope === 'later') expect(r.scopeReason?.length ?? 0, r.id).toBeGreaterThan(10)
      else expect(r.scopeReason, r.id).toBeUndefined()
      if (!IN_SCOPE_FILES.includes(r.spec.file)) expect(r.scope, `${r.id} (${r.spec.file})`).toBe('later')
      // ERC-7710 is listed only; Permit2's server and client rows are covered (suites/*/cases/permit2.ts).
      if (/ERC-7710/.test(r.spec.section) && r.role !== 'facilitator') expect(r.scope, r.id).toBe('later')
    }
    const later = catalog.filter((r) => r.scope === 'later').map((r) => r.spec.file)
    for (const topic of ['a2a.md', 'scheme_exact_svm.md', 'batch_settlement', 'extensions/'])
      expect(
        later.some((file) => file.includes(topic)),
        topic,
      ).toBe(true)
  })

  it('records deviations completely and accepted reasons from the known lists', () => {
    for (const r of catalog) {
      for (const d of r.deviations ?? []) {
        expect(d.sdks.length, r.id).toBeGreaterThan(0)
        for (const text of [d.behaviour, d.suiteHolds, d.why]) expect(text.trim(), r.id).not.toBe('')
      }
      const reasons = r.acceptedReasons ?? []
      expect(new Set(reasons).size, r.id).toBe(reasons.length)
      for (const code of reasons) expect(KNOWN_REASON_CODES.has(code), `${r.id}: ${code}`).toBe(true)
    }
  })

  it('holds the SDK deviations the suite depends on', () => {
    const rs14 = requirementById('RS-14')
    expect(rs14.acceptedStatus).toEqual([400])
    expect(rs14.deviations?.some((d) => d.sdks.includes('@x402/* 2.27') && /402/.test(d.behaviour))).toBe(
      true,
    )

    // v1 amount: underpayment MUST be rejected in both versions, overpayment only in v2; v1 overpay is open.
    expect(requirementById('FA-8').versions).toEqual([1, 2])
    expect(requirementById('FA-34')).toMatchObject({ level: 'MUST', versions: [2] })
    const fa35 = requirementById('FA-35')
    expect(fa35).toMatchObject({ level: 'MAY', versions: [1] })
    expect(fa35.deviations?.flatMap((d) => d.sdks)).toEqual(
      expect.arrayContaining(['@x402/* 2.27', 'x402 1.2']),
    )

    expect(requirementById('FA-8').acceptedReasons).toEqual(acceptedReasons.amountMismatch)
    expect(requirementById('FA-6').acceptedReasons).toEqual(acceptedReasons.signature)
    expect(requirementById('FA-10').acceptedReasons).toEqual(acceptedReasons.recipient)
    expect(requirementById('FA-9').acceptedReasons).toEqual(acceptedReasons.validBefore)
    expect(requirementById('FA-46').acceptedReasons).toEqual(acceptedReasons.validAfter)
    expect(requirementById('FA-13').acceptedReasons).toEqual(acceptedReasons.nonceUsed)
    expect(requirementById('FA-7').acceptedReasons).toEqual(acceptedReasons.insufficientFunds)
    expect(requirementById('FA-11').acceptedReasons).toEqual(acceptedReasons.network)
  })

  it('is frozen all the way down', () => {
    expect(Object.isFrozen(catalog)).toBe(true)
    const fa8 = requirementById('FA-8') as Requirement & { statement: string }
    expect(Object.isFrozen(fa8)).toBe(true)
    expect(Object.isFrozen(fa8.spec)).toBe(true)
    expect(Object.isFrozen(fa8.acceptedReasons)).toBe(true)
    expect(() => {
      fa8.statement = 'changed'
    }).toThrow(TypeError)
    expect(() => (catalog as Requirement[]).push(fa8)).toThrow(TypeError)
  })

  it('finds requirements by id and refuses unknown ids', () => {
    expect(requirementById('RS-1').statement).toMatch(/402/)
    expect(() => requirementById('RS-999')).toThrow(/unknown requirement id 'RS-999'/)
    expect(() => requirementById('RS-33')).toThrow(/unknown/)
  })

  it('summarises counts per role, scope and level that add up to the catalogue', () => {
    const summary = catalogSummary()
    let total = 0
    for (const role of Object.values(summary))
      for (const scope of Object.values(role)) for (const n of Object.values(scope)) total += n ?? 0
    expect(total).toBe(catalog.length)
    const serverMustNow = catalog.filter(
      (r) => r.role === 'server' && r.scope === 'now' && r.level === 'MUST',
    )
    expect(summary.server.now.MUST).toBe(serverMustNow.length)
  })

  it('selects the requirements that apply to a role, version and scope', () => {
    const v1Facilitator = requirementsFor({ role: 'facilitator', version: 1, scope: 'now' })
    const ids = v1Facilitator.map((r) => r.id)
    expect(ids).toEqual(expect.arrayContaining(['FA-8', 'FA-35', 'FA-36', 'X-1', 'X-10']))
    expect(ids).not.toContain('FA-34') // v2 only
    expect(ids).not.toContain('FA-5') // v2 /supported shape
    expect(ids).not.toContain('RS-1') // another role
    expect(ids).not.toContain('FA-31') // later
    for (const r of v1Facilitator) {
      expect(['facilitator', 'any']).toContain(r.role)
      expect(r.versions).toContain(1)
      expect(r.scope).toBe('now')
    }
    expect(requirementsFor({})).toHaveLength(catalog.length)
  })
})
