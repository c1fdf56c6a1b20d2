import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ErrorReasons } from 'x402/types'
import {
  type AcceptedReasonKind,
  acceptedReasons,
  catalog,
  KNOWN_REASON_CODES,
  REASON_CODE_LISTS,
  reasonCodeSources,
  unionOfReasons,
} from '../../../suites/catalog/index.ts'

/** The text of every ESM file of an installed package's dist, to look for string literals in. */
function bundleText(pkg: string): string {
  const dist = fileURLToPath(new URL(`../../../node_modules/${pkg}/dist/esm/`, import.meta.url))
  return readdirSync(dist, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.mjs'))
    .map((file) => readFileSync(`${dist}/${file}`, 'utf8'))
    .join('\n')
}

const sdkBundles = `${bundleText('@x402/evm')}\n${bundleText('@x402/core')}`
const legacyReasons = new Set<string>(ErrorReasons)
const inSdkBundle = (code: string): boolean => sdkBundles.includes(`"${code}"`)

const allAccepted = (): string[] => [
  ...Object.values(acceptedReasons).flat(),
  ...catalog.flatMap((r) => r.acceptedReasons ?? []),
]

describe('reason-code lists (x402-digest §3.6)', () => {
  it('has the two §9 lists of 15 codes that differ only in the amount code', () => {
    const v1 = new Set(REASON_CODE_LISTS.specV1)
    const v2 = new Set(REASON_CODE_LISTS.specV2)
    expect(v1.size).toBe(15)
    expect(v2.size).toBe(15)
    expect([...v2].filter((c) => !v1.has(c))).toEqual([
      'invalid_exact_evm_payload_authorization_value_mismatch',
    ])
    expect([...v1].filter((c) => !v2.has(c))).toEqual(['invalid_exact_evm_payload_authorization_value'])
  })

  it('transcribes the legacy x402 1.2 list exactly as the installed package exports it', () => {
    expect(new Set(REASON_CODE_LISTS.legacyX402)).toEqual(legacyReasons)
    for (const code of REASON_CODE_LISTS.specV1) expect(legacyReasons.has(code), code).toBe(true)
  })

  it('lists TS codes the installed @x402/* 2.27 bundles really contain', () => {
    // A transcription error shows up as a missing code. The digest lists a few codes that the 2.27
    // bundles do not carry as literals (declared but unused, or spelled from parts); they are named here
    // so an SDK upgrade that changes the picture fails loudly.
    expect(REASON_CODE_LISTS.tsEvm.filter((code) => !inSdkBundle(code))).toEqual([
      'invalid_exact_evm_payload_undeployed_smart_wallet',
    ])
    expect(REASON_CODE_LISTS.tsCore.filter((code) => !inSdkBundle(code))).toEqual([
      'before_verify_hook_error',
      'before_settle_hook_error',
      'settlement_override_exceeds_ceiling',
    ])
  })
})

describe('accepted reason sets', () => {
  const required: AcceptedReasonKind[] = [
    'amountMismatch',
    'signature',
    'recipient',
    'validBefore',
    'validAfter',
    'nonceUsed',
    'insufficientFunds',
    'network',
    'asset',
    'scheme',
    'version',
  ]

  it('has every set the facilitator cases compare against, each holding the spec code', () => {
    for (const kind of required) expect(acceptedReasons[kind].length, kind).toBeGreaterThan(0)
    const spec: Partial<Record<AcceptedReasonKind, string[]>> = {
      amountMismatch: [
        'invalid_exact_evm_payload_authorization_value_mismatch',
        'invalid_exact_evm_payload_authorization_value',
      ],
      signature: ['invalid_exact_evm_payload_signature'],
      recipient: ['invalid_exact_evm_payload_recipient_mismatch'],
      validBefore: ['invalid_exact_evm_payload_authorization_valid_before'],
      validAfter: ['invalid_exact_evm_payload_authorization_valid_after'],
      nonceUsed: ['invalid_transaction_state'],
      insufficientFunds: ['insufficient_funds'],
      network: ['invalid_network'],
      scheme: ['invalid_scheme', 'unsupported_scheme'],
      version: ['invalid_x402_version'],
    }
    for (const [kind, codes] of Object.entries(spec))
      expect(acceptedReasons[kind as AcceptedReasonKind], kind).toEqual(expect.arrayContaining(codes))
    // The TS and Go spellings the digest reports are accepted too.
    expect(acceptedReasons.signature).toContain('invalid_exact_evm_signature')
    expect(acceptedReasons.recipient).toContain('invalid_exact_evm_recipient_mismatch')
    expect(acceptedReasons.amountMismatch).toContain('invalid_exact_evm_authorization_value')
    expect(acceptedReasons.network).toContain('invalid_exact_evm_network_mismatch')
    expect(acceptedReasons.insufficientFunds).toContain('invalid_exact_evm_insufficient_balance')
    expect(acceptedReasons.nonceUsed).toContain('invalid_exact_evm_nonce_already_used')
  })

  it('uses only codes from the §3.6 lists', () => {
    for (const code of allAccepted()) expect(KNOWN_REASON_CODES.has(code), code).toBe(true)
    expect(KNOWN_REASON_CODES.has('no_such_code')).toBe(false)
  })

  it('uses only codes an installed SDK, the spec or the Go SDK actually has', () => {
    const goOnly: string[] = []
    for (const code of new Set(allAccepted())) {
      const sources = reasonCodeSources(code)
      const evidenced =
        sources.includes('specV1') ||
        sources.includes('specV2') ||
        legacyReasons.has(code) ||
        inSdkBundle(code)
      if (!evidenced) {
        expect(sources, `${code} is in no verifiable list`).toContain('go')
        goOnly.push(code)
      }
    }
    // Go codes cannot be checked against an installed package; keep them a minority.
    expect(goOnly.length).toBeLessThan(new Set(allAccepted()).size / 3)
  })

  it('keeps sets that cases must tell apart disjoint', () => {
    const disjoint: [AcceptedReasonKind, AcceptedReasonKind][] = [
      ['signature', 'recipient'],
      ['signature', 'amountMismatch'],
      ['recipient', 'amountMismatch'],
      ['validBefore', 'validAfter'],
      ['validBefore', 'amountMismatch'],
      ['insufficientFunds', 'signature'],
      ['scheme', 'network'],
      ['network', 'version'],
    ]
    for (const [a, b] of disjoint) {
      const overlap = acceptedReasons[a].filter((code) => acceptedReasons[b].includes(code))
      expect(overlap, `${a} / ${b}`).toEqual([])
    }
  })

  it('unions sets without duplicates and is frozen', () => {
    const union = unionOfReasons('signature', 'asset')
    expect(new Set(union).size).toBe(union.length)
    expect(union).toEqual(expect.arrayContaining([...acceptedReasons.signature, ...acceptedReasons.asset]))
    expect(Object.isFrozen(acceptedReasons)).toBe(true)
    expect(Object.isFrozen(acceptedReasons.signature)).toBe(true)
    expect(reasonCodeSources('invalid_exact_evm_payload_signature')).toEqual([
      'specV2',
      'specV1',
      'legacyX402',
    ])
  })
})
