/**
 * Short constructors for spec citations, so catalogue entries read as "core v2 §5.1.2" rather than
 * repeating file paths. Sections use the spec's own numbering or heading text.
 */
import { FOUNDATION_CORE_V2_2026_09 } from './spec.ts'
import type { SpecCitation } from './types.ts'

/** `specs/x402-specification-v1.md`, at the pinned commit. */
export const coreV1 = (section: string): SpecCitation => ({ file: 'specs/x402-specification-v1.md', section })

/** `specs/x402-specification-v2.md`, at the pinned commit. */
export const coreV2 = (section: string): SpecCitation => ({ file: 'specs/x402-specification-v2.md', section })

/** `specs/transports-v1/http.md`, at the pinned commit. */
export const httpV1 = (section: string): SpecCitation => ({ file: 'specs/transports-v1/http.md', section })

/** `specs/transports-v2/http.md`, at the pinned commit. */
export const httpV2 = (section: string): SpecCitation => ({ file: 'specs/transports-v2/http.md', section })

/**
 * `specs/transports-v2/http.md` with the assetTransferMethod note: read at foundation 03f722f while the
 * pin was coinbase/x402; the pin has the note now, so this is a citation at the pin.
 */
export const httpV2Foundation = (section: string): SpecCitation => httpV2(section)

/** `specs/schemes/exact/scheme_exact.md`, at the pinned commit. */
export const exact = (section: string): SpecCitation => ({
  file: 'specs/schemes/exact/scheme_exact.md',
  section,
})

/** `specs/schemes/exact/scheme_exact_evm.md`, at the pinned commit. */
export const exactEvm = (section: string): SpecCitation => ({
  file: 'specs/schemes/exact/scheme_exact_evm.md',
  section,
})

/**
 * `specs/schemes/exact/scheme_exact_evm.md` with the per-method `extra` rules: read at foundation 03f722f
 * while the pin was coinbase/x402; the pin has them (#2044), so this is a citation at the pin.
 */
export const exactEvmFoundation = (section: string): SpecCitation => exactEvm(section)

/** Any other file under `specs/`, at the pinned commit (`path` is relative to `specs/`). */
export const specFile = (path: string, section: string): SpecCitation => ({ file: `specs/${path}`, section })

/** `specs/schemes/batch-settlement/scheme_batch_settlement_evm.md`, at the pin (#2051). */
export const batchEvm = (section: string): SpecCitation => ({
  file: 'specs/schemes/batch-settlement/scheme_batch_settlement_evm.md',
  section,
})

/**
 * The EVM batch-settlement binding under the name used while it was read at foundation 4a3c23e (the
 * pin then lacked it): a citation at the pin now.
 */
export const batchEvmFoundation = batchEvm

/** `specs/x402-specification-v2.md` as the v2 core reads after the Aug–Sep 2026 rewrite (newer source). */
export const coreV2Newer = (section: string): SpecCitation => ({
  ...coreV2(section),
  source: FOUNDATION_CORE_V2_2026_09,
})
