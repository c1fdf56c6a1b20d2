/**
 * Short constructors for spec citations, so catalogue entries read as "core v2 §5.1.2" rather than
 * repeating file paths. Sections use the spec's own numbering or heading text.
 */
import { FOUNDATION_BATCH_EVM, FOUNDATION_EXACT_EVM } from './spec.ts'
import type { SpecCitation } from './types.ts'

/** `specs/x402-specification-v1.md`, at the pinned commit. */
export const coreV1 = (section: string): SpecCitation => ({ file: 'specs/x402-specification-v1.md', section })

/** `specs/x402-specification-v2.md`, at the pinned commit. */
export const coreV2 = (section: string): SpecCitation => ({ file: 'specs/x402-specification-v2.md', section })

/** `specs/transports-v1/http.md`, at the pinned commit. */
export const httpV1 = (section: string): SpecCitation => ({ file: 'specs/transports-v1/http.md', section })

/** `specs/transports-v2/http.md`, at the pinned commit. */
export const httpV2 = (section: string): SpecCitation => ({ file: 'specs/transports-v2/http.md', section })

/** `specs/transports-v2/http.md` as the foundation repository has it (adds the assetTransferMethod note). */
export const httpV2Foundation = (section: string): SpecCitation => ({
  ...httpV2(section),
  source: FOUNDATION_EXACT_EVM,
})

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

/** `specs/schemes/exact/scheme_exact_evm.md` as the foundation repository has it (adds the `extra` rules). */
export const exactEvmFoundation = (section: string): SpecCitation => ({
  ...exactEvm(section),
  source: FOUNDATION_EXACT_EVM,
})

/** Any other file under `specs/`, at the pinned commit (`path` is relative to `specs/`). */
export const specFile = (path: string, section: string): SpecCitation => ({ file: `specs/${path}`, section })

/** The foundation-only EVM batch-settlement binding. */
export const batchEvmFoundation = (section: string): SpecCitation => ({
  file: 'specs/schemes/batch-settlement/scheme_batch_settlement_evm.md',
  section,
  source: FOUNDATION_BATCH_EVM,
})
