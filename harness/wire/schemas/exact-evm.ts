/**
 * The `exact` scheme on EVM networks: the payload shapes (EIP-3009 and Permit2, scheme_exact_evm.md,
 * x402-digest §2.2–2.6) and the rules the scheme adds to requirements (token addresses, EIP-712 domain).
 */
import { z } from 'zod'
import { issue, type PathSegment, type WireIssue } from '../errors.ts'
import { isEvmNetwork } from '../networks.ts'
import { zodIssues } from './issues.ts'
import { bytes32, evmAddress, hexBytes, jsonObject, uintString } from './primitives.ts'

/** EIP-3009 authorization as sent on the wire: uints as decimal strings, a 32-byte hex nonce. */
export const exactEvmAuthorizationSchema = z.looseObject({
  from: evmAddress,
  to: evmAddress,
  value: uintString,
  validAfter: uintString,
  validBefore: uintString,
  nonce: bytes32,
})

/** `payload` of an `exact` EVM payment using EIP-3009. */
export const exactEvmPayloadSchema = z.looseObject({
  signature: hexBytes,
  authorization: exactEvmAuthorizationSchema,
})

/** `payload` of an `exact` EVM payment using Permit2 (`permitWitnessTransferFrom`). */
export const exactEvmPermit2PayloadSchema = z.looseObject({
  signature: hexBytes,
  permit2Authorization: z.looseObject({
    permitted: z.looseObject({ token: evmAddress, amount: uintString }),
    from: evmAddress,
    spender: evmAddress,
    nonce: uintString,
    deadline: uintString,
    witness: z.looseObject({ to: evmAddress, validAfter: uintString }),
  }),
})

/** Whether `scheme`/`network` name the `exact` scheme on an EVM chain (v1 name or CAIP-2). */
export function isExactEvm(scheme: unknown, network: unknown): boolean {
  return scheme === 'exact' && typeof network === 'string' && isEvmNetwork(network)
}

/**
 * Issues in an `exact` EVM payload. The shape is chosen the way the reference facilitator chooses it:
 * a `permit2Authorization` key means Permit2, anything else must be EIP-3009.
 */
export function exactEvmPayloadIssues(payload: unknown, prefix: readonly PathSegment[]): WireIssue[] {
  const permit2 =
    typeof payload === 'object' && payload !== null && Object.hasOwn(payload, 'permit2Authorization')
  return zodIssues(permit2 ? exactEvmPermit2PayloadSchema : exactEvmPayloadSchema, payload, prefix)
}

/**
 * Rules requirements must meet on an EVM network: `asset` and `payTo` are addresses; for `exact` paid
 * with EIP-3009 (the default method) `extra.name` and `extra.version` give the token's EIP-712 domain.
 * Only fields that already have the right JSON type are judged, so no issue is reported twice.
 */
export function evmRequirementsIssues(requirements: unknown, prefix: readonly PathSegment[]): WireIssue[] {
  if (typeof requirements !== 'object' || requirements === null) return []
  const r = requirements as Record<string, unknown>
  if (typeof r.network !== 'string' || !isEvmNetwork(r.network)) return []
  const issues: WireIssue[] = []
  for (const field of ['asset', 'payTo'] as const) {
    const value = r[field]
    if (typeof value === 'string' && value !== '')
      issues.push(...zodIssues(evmAddress, value, [...prefix, field]))
  }
  if (r.scheme === 'exact') issues.push(...eip712DomainIssues(r.extra, [...prefix, 'extra']))
  return issues
}

function eip712DomainIssues(extra: unknown, prefix: readonly PathSegment[]): WireIssue[] {
  if (extra !== undefined && extra !== null && !jsonObject.safeParse(extra).success) return []
  const fields = (extra ?? {}) as Record<string, unknown>
  const method = fields.assetTransferMethod
  if (method !== undefined && method !== 'eip3009') return []
  const issues: WireIssue[] = []
  for (const field of ['name', 'version'] as const) {
    const value = fields[field]
    const what = `the token's EIP-712 domain ${field}, required for exact EVM payments with EIP-3009`
    if (value === undefined)
      issues.push(issue([...prefix, field], 'missing', `required field is missing (${what})`))
    else if (typeof value !== 'string' || value === '') {
      issues.push(issue([...prefix, field], 'type', `expected a non-empty string (${what})`))
    }
  }
  return issues
}
