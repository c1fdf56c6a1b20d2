/**
 * Which spec text the catalogue was read from: one pinned commit of coinbase/x402, plus the few newer
 * x402-foundation/x402 snapshots some entries cite. Changing the pin means re-reading every entry.
 */
import type { SpecCitation, SpecSource } from './types.ts'

/** The pinned spec snapshot: coinbase/x402 HEAD "chore: bump main to match foundation repo (#93)", 2026-04-21. */
export const SPEC: Readonly<SpecSource> = Object.freeze({
  repository: 'https://github.com/coinbase/x402',
  commit: 'dd927a26cfefc98c24b3ec38b3a8f204dad0c60d',
})

/** Every file under `specs/` at the pinned commit. A citation without `source` must name one of these. */
export const SPEC_FILES: readonly string[] = Object.freeze([
  'specs/CONTRIBUTING.md',
  'specs/README.md',
  'specs/extensions/bazaar.md',
  'specs/extensions/eip2612_gas_sponsoring.md',
  'specs/extensions/erc20_gas_sponsoring.md',
  'specs/extensions/extension-offer-and-receipt.md',
  'specs/extensions/http-message-signatures.md',
  'specs/extensions/payment_identifier.md',
  'specs/extensions/sign-in-with-x.md',
  'specs/scheme_impl_template.md',
  'specs/scheme_template.md',
  'specs/schemes/batch-settlement/batch_settlement.md',
  'specs/schemes/batch-settlement/batch_settlement_cloudflare.md',
  'specs/schemes/exact/scheme_exact.md',
  'specs/schemes/exact/scheme_exact_algo.md',
  'specs/schemes/exact/scheme_exact_aptos.md',
  'specs/schemes/exact/scheme_exact_evm.md',
  'specs/schemes/exact/scheme_exact_hedera.md',
  'specs/schemes/exact/scheme_exact_keeta.md',
  'specs/schemes/exact/scheme_exact_stellar.md',
  'specs/schemes/exact/scheme_exact_sui.md',
  'specs/schemes/exact/scheme_exact_svm.md',
  'specs/schemes/upto/scheme_upto.md',
  'specs/schemes/upto/scheme_upto_evm.md',
  'specs/transport_template.md',
  'specs/transports-v1/a2a.md',
  'specs/transports-v1/http.md',
  'specs/transports-v1/mcp.md',
  'specs/transports-v2/a2a.md',
  'specs/transports-v2/http.md',
  'specs/transports-v2/mcp.md',
  'specs/x402-specification-v1.md',
  'specs/x402-specification-v2.md',
])

/** A newer snapshot some entries cite, with the files read there and why the pin was not enough. */
export interface NewerSource extends SpecSource {
  files: readonly string[]
  why: string
}

const FOUNDATION = 'https://github.com/x402-foundation/x402'

/** x402-foundation/x402 03f722f: adds the `extra` field definitions and the assetTransferMethod rules. */
export const FOUNDATION_EXACT_EVM: Readonly<SpecSource> = Object.freeze({
  repository: FOUNDATION,
  commit: '03f722fec0fc177503df9e154802da8e3f40d89a',
})

/** x402-foundation/x402 4a3c23e: the batch-settlement EVM binding, which the pinned snapshot lacks. */
export const FOUNDATION_BATCH_EVM: Readonly<SpecSource> = Object.freeze({
  repository: FOUNDATION,
  commit: '4a3c23ebdb93a872b6c0b7521575110e1a95a875',
})

/**
 * x402-foundation/x402 main 92f06b5 ("fix(python): check settle_result.success in MCP payment
 * wrappers (#2356)", 2026-05-18): the newest foundation commit whose whole `specs/` can be read as git
 * (through coinbase/x402's pull-request refs). Issue 14 moves the pin here; until then new entries cite
 * it as a newer source.
 */
export const FOUNDATION_MAIN: Readonly<SpecSource> = Object.freeze({
  repository: FOUNDATION,
  commit: '92f06b52bfa0920c736484a0900815832d6c0fed',
})

/** Every file under `specs/` at FOUNDATION_MAIN. */
export const FOUNDATION_MAIN_FILES: readonly string[] = Object.freeze([
  'specs/CONTRIBUTING.md',
  'specs/README.md',
  'specs/extensions/bazaar.md',
  'specs/extensions/builder_code.md',
  'specs/extensions/eip2612_gas_sponsoring.md',
  'specs/extensions/erc20_gas_sponsoring.md',
  'specs/extensions/extension-auth-hints.md',
  'specs/extensions/extension-offer-and-receipt.md',
  'specs/extensions/http-message-signatures.md',
  'specs/extensions/payment_identifier.md',
  'specs/extensions/sign-in-with-x.md',
  'specs/scheme_impl_template.md',
  'specs/scheme_template.md',
  'specs/schemes/authCapture/scheme_authCapture.md',
  'specs/schemes/authCapture/scheme_authCapture_evm.md',
  'specs/schemes/batch-settlement/scheme_batch_settlement.md',
  'specs/schemes/batch-settlement/scheme_batch_settlement_cloudflare.md',
  'specs/schemes/batch-settlement/scheme_batch_settlement_evm.md',
  'specs/schemes/exact/scheme_exact.md',
  'specs/schemes/exact/scheme_exact_algo.md',
  'specs/schemes/exact/scheme_exact_aptos.md',
  'specs/schemes/exact/scheme_exact_cardano.md',
  'specs/schemes/exact/scheme_exact_evm.md',
  'specs/schemes/exact/scheme_exact_hedera.md',
  'specs/schemes/exact/scheme_exact_keeta.md',
  'specs/schemes/exact/scheme_exact_near.md',
  'specs/schemes/exact/scheme_exact_stellar.md',
  'specs/schemes/exact/scheme_exact_sui.md',
  'specs/schemes/exact/scheme_exact_svm.md',
  'specs/schemes/exact/scheme_exact_ton.md',
  'specs/schemes/upto/scheme_upto.md',
  'specs/schemes/upto/scheme_upto_evm.md',
  'specs/transport_template.md',
  'specs/transports-v1/a2a.md',
  'specs/transports-v1/http.md',
  'specs/transports-v1/mcp.md',
  'specs/transports-v2/a2a.md',
  'specs/transports-v2/http.md',
  'specs/transports-v2/mcp.md',
  'specs/x402-specification-v1.md',
  'specs/x402-specification-v2.md',
])

/**
 * x402-foundation/x402 8efa37d: the v2 core after the Aug–Sep 2026 rewrite (§5.3.2 `settlement_pending`,
 * §6.1 payment flow models, §7.1 read-only `/verify`, §7.2.1 EXTENSION-RESPONSES), read from the public
 * file index (no git history of it is reachable here). The copy also carries the open PR #3325 (§5.3.3–
 * §5.3.4 `status`), which no entry cites.
 */
export const FOUNDATION_CORE_V2_2026_09: Readonly<SpecSource> = Object.freeze({
  repository: FOUNDATION,
  commit: '8efa37d7685c9e1b6d40faa15cdbb8aee7d1c9bd',
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
    ...FOUNDATION_EXACT_EVM,
    files: Object.freeze(['specs/schemes/exact/scheme_exact_evm.md', 'specs/transports-v2/http.md']),
    why: 'adds "extra.name (required)", "extra.version (required)" and the MUST/MAY rules for extra.assetTransferMethod; the HTTP file adds the note that PaymentRequired may omit it',
  }),
  Object.freeze({
    ...FOUNDATION_BATCH_EVM,
    files: Object.freeze(['specs/schemes/batch-settlement/scheme_batch_settlement_evm.md']),
    why: 'the EVM batch-settlement binding exists only in the foundation repository',
  }),
  Object.freeze({
    ...FOUNDATION_MAIN,
    files: FOUNDATION_MAIN_FILES,
    why: 'the newest foundation main whose specs/ is readable as git; the pin moves here (issue 14)',
  }),
  Object.freeze({
    ...FOUNDATION_CORE_V2_2026_09,
    files: Object.freeze(['specs/x402-specification-v2.md']),
    why: 'the v2 core text after PRs #3053 (payment flows, read-only /verify), #3083 (settlement_pending) and #3306 (EXTENSION-RESPONSES), merged after 2026-05-18',
  }),
  Object.freeze({
    ...FOUNDATION_UPTO_EVM_2026_06,
    files: Object.freeze(['specs/schemes/upto/scheme_upto_evm.md']),
    why: 'the upto settle-time verification rules (PR #2607), merged after 2026-05-18',
  }),
])

/** A browsable URL of a citation's file at the commit it was read at. */
export function specUrl(citation: SpecCitation): string {
  const source = citation.source ?? SPEC
  return `${source.repository}/blob/${source.commit}/${citation.file}`
}

/** Whether a citation names a file that exists in the snapshot it claims to be read at. */
export function isKnownSpecFile(citation: SpecCitation): boolean {
  if (citation.source === undefined) return SPEC_FILES.includes(citation.file)
  const { repository, commit } = citation.source
  return NEWER_SOURCES.some(
    (newer) =>
      newer.repository === repository && newer.commit === commit && newer.files.includes(citation.file),
  )
}
