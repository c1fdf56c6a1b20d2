/**
 * Which spec text the catalogue was read from: one pinned commit of x402-foundation/x402, plus the
 * few newer single files some entries cite. Changing the pin means re-reading every entry (the last
 * re-read is recorded in review-2026-12.ts) and regenerating the spec index (scripts/spec-index.ts).
 */
import { PINNED_SPEC_FILES } from './spec-files.generated.ts'
import type { SpecCitation, SpecSource } from './types.ts'

const FOUNDATION = 'https://github.com/x402-foundation/x402'

/**
 * The pinned spec snapshot: x402-foundation/x402 main 92f06b5 ("fix(python): check
 * settle_result.success in MCP payment wrappers (#2356)", 2026-05-18), the newest foundation commit
 * whose whole `specs/` can be read as git (through coinbase/x402's pull-request refs). Until
 * 2026-12-03 the pin was coinbase/x402 dd927a2 (2026-04-21), a fork frozen since.
 */
export const SPEC: Readonly<SpecSource> = Object.freeze({
  repository: FOUNDATION,
  commit: '92f06b52bfa0920c736484a0900815832d6c0fed',
})

/** Every file under `specs/` at the pin (generated from the tree by scripts/spec-index.ts). */
export const SPEC_FILES: readonly string[] = PINNED_SPEC_FILES

/**
 * The pin under the name entries used while it was a newer source (issue 14): a citation with
 * `source: FOUNDATION_MAIN` is a citation at the pin.
 */
export const FOUNDATION_MAIN: Readonly<SpecSource> = SPEC

/** Every file under `specs/` at FOUNDATION_MAIN, i.e. at the pin. */
export const FOUNDATION_MAIN_FILES: readonly string[] = SPEC_FILES

/** A newer snapshot some entries cite, with the files read there and why the pin was not enough. */
export interface NewerSource extends SpecSource {
  files: readonly string[]
  why: string
  /** Where the text was read when no git history of the snapshot is reachable. */
  readFrom?: string
}

/**
 * The v2 core after the Aug–Sep 2026 rewrite (§5.3.2 `settlement_pending`, §6.1 payment flow models,
 * §7.1 read-only `/verify`, §7.2.1 EXTENSION-RESPONSES), read from the public file index: no git
 * history after 2026-05-18 is reachable here. The index files the path under 8efa37d, but the text
 * it serves for that commit is an older revision (32,016 characters, without these sections); the
 * copy actually read is the 49,025-character one, whose commit the index does not name. The commit
 * stays 8efa37d as the locator other branches cite; the index and the review record the copy. The
 * copy also carries the open PR #3325 (§5.3.3–§5.3.4 `status`), which no entry cites.
 */
export const FOUNDATION_CORE_V2_2026_09: Readonly<SpecSource> = Object.freeze({
  repository: FOUNDATION,
  commit: '8efa37d7685c9e1b6d40faa15cdbb8aee7d1c9bd',
})

// Payment flows, payment-identifier, transfer correctness (issue 14): the newest index copies of single files.

/**
 * x402-foundation/x402 02834ce: `schemes/exact/scheme_exact.md` from the public file index, with the
 * "Payment Flow" section (#3145: `exact` MAY use `upfront`, clients SHOULD choose `authorization`) and
 * "Asset Transfer Method Families" ("settlement MUST produce exactly one identifiable transfer of
 * `amount` of `asset` to `payTo`"), which neither the pin nor FOUNDATION_MAIN has.
 */
export const FOUNDATION_EXACT_FLOWS: Readonly<SpecSource> = Object.freeze({
  repository: FOUNDATION,
  commit: '02834ce72a4c6eed14a51710c0fe2a4cfb6ed2bf',
})

/**
 * x402-foundation/x402 0ce3e9c: `extensions/payment_identifier.md` from the public file index, with
 * "Request Binding" (#2307) and "Recovering a Lost Response".
 */
export const FOUNDATION_PAYMENT_IDENTIFIER: Readonly<SpecSource> = Object.freeze({
  repository: FOUNDATION,
  commit: '0ce3e9c08d0c25462fc214fb7471f5472e59ce5a',
})

/**
 * x402-foundation/x402 242573a: scheme_upto_evm.md after PR #2607 (merged 2026-06, after the CDP
 * interop bug #2437): adds "Settle-Time Verification" (re-verify against permitted.amount, settle
 * amount <= permitted.amount, transfer the settle amount). Read from the public file index.
 */
export const FOUNDATION_UPTO_EVM_2026_06: Readonly<SpecSource> = Object.freeze({
  repository: FOUNDATION,
  commit: '242573a62b78bb8c281d5b17ea5e2ba3b81d6c1d',
})

/** The only snapshots besides `SPEC` that a citation may name. */
export const NEWER_SOURCES: readonly NewerSource[] = Object.freeze([
  Object.freeze({
    ...FOUNDATION_CORE_V2_2026_09,
    files: Object.freeze(['specs/x402-specification-v2.md']),
    why: 'the v2 core text after PRs #3053 (payment flows, read-only /verify), #3083 (settlement_pending) and #3306 (EXTENSION-RESPONSES), merged after the pin (2026-05-18)',
    readFrom: 'public file index, copy id 57738847250 (49,025 characters)',
  }),
  Object.freeze({
    ...FOUNDATION_EXACT_FLOWS,
    files: Object.freeze(['specs/schemes/exact/scheme_exact.md']),
    why: 'the exact scheme\'s "Payment Flow" section (#3145) and its "Transfer correctness" MUST (one identifiable transfer of amount of asset to payTo), newer than FOUNDATION_MAIN',
  }),
  Object.freeze({
    ...FOUNDATION_PAYMENT_IDENTIFIER,
    files: Object.freeze(['specs/extensions/payment_identifier.md']),
    why: 'payment-identifier request binding (#2307) and lost-response recovery, newer than FOUNDATION_MAIN',
  }),
  Object.freeze({
    ...FOUNDATION_UPTO_EVM_2026_06,
    files: Object.freeze(['specs/schemes/upto/scheme_upto_evm.md']),
    why: 'the upto settle-time verification rules (PR #2607), merged after 2026-05-18',
  }),
])

/** Whether a citation is read at the pin (no source, or the pin under its FOUNDATION_MAIN name). */
export function isAtPin(citation: SpecCitation): boolean {
  return (
    citation.source === undefined ||
    (citation.source.repository === SPEC.repository && citation.source.commit === SPEC.commit)
  )
}

/** A browsable URL of a citation's file at the commit it was read at. */
export function specUrl(citation: SpecCitation): string {
  const source = citation.source ?? SPEC
  return `${source.repository}/blob/${source.commit}/${citation.file}`
}

/** Whether a citation names a file that exists in the snapshot it claims to be read at. */
export function isKnownSpecFile(citation: SpecCitation): boolean {
  if (isAtPin(citation)) return SPEC_FILES.includes(citation.file)
  const { repository, commit } = citation.source ?? SPEC
  return NEWER_SOURCES.some(
    (newer) =>
      newer.repository === repository && newer.commit === commit && newer.files.includes(citation.file),
  )
}
