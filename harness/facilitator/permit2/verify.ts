/**
 * Verification of Permit2 payments, `exact` (scheme_exact_evm.md §2 Phase 3) and `upto`
 * (scheme_upto_evm.md §1 Phase 3). After reading the body (read.ts, steps 1-7) the checks run in the
 * spec's order; the first failure is the answer:
 *
 *  8. signature   recovers to `from` over PermitWitnessTransferFrom (ERC-1271 for code)  → invalid_permit2_signature
 *  9. approval    allowance(from, Permit2) >= amount                                     → permit2_allowance_required
 * 10. balance     balanceOf(from) >= amount                                              → insufficient_funds
 *     (upto settle: the charge <= permitted.amount, checked right after the signature  → invalid_upto_evm_payload_settlement_exceeds_amount)
 * 11. amount      permitted.amount == amount (not at upto settle: the charge may be lower) → permit2_amount_mismatch
 *                 + the signed terms bind this payment: spender is the scheme's proxy, witness.to is payTo,
 *                 upto witness.facilitator is this signer                                → invalid_permit2_spender / …
 * 12. time        deadline >= now + 6 s, witness.validAfter <= now                        → permit2_deadline_expired / _not_yet_valid
 * 13. token       permitted.token is the asset, and the asset is a contract              → permit2_token_mismatch
 * 14. nonce       Permit2's bitmap bit is clear, and no zero settlement consumed it       → permit2_invalid_nonce
 * 15. simulation  eth_call of the proxy settlement from the signer                       → permit2_simulation_failed
 *
 * `now` is max(block time, wall clock) as for EIP-3009. The spec's "412 Precondition Failed" for a
 * missing approval is the resource server's answer to its client; /verify answers 200 with the reason.
 */
import type { Hex } from 'viem'
import { X402_EXACT_PERMIT2_PROXY, X402_UPTO_PERMIT2_PROXY } from '../../devnet/permit2-addresses.ts'
import {
  encodeExactPermit2Settle,
  exactPermit2TypedData,
  type Permit2TypedData,
} from '../../schemes/exact-permit2-evm/index.ts'
import { encodeUptoSettle, uptoTypedData } from '../../schemes/upto-evm/index.ts'
import type { FacilitatorContext } from '../config.ts'
import type { ReasonCode } from '../reasons.ts'
import { readPermit2State } from './chain.ts'
import type { Permit2Payment, Phase } from './read.ts'
import { Permit2Reason, type Permit2ReasonCode } from './reasons.ts'

/** The outcome of verification; a valid verdict carries the settlement call. */
export type Permit2Verdict =
  | { isValid: true; payment: Permit2Payment; call?: { to: `0x${string}`; data: Hex } }
  | { isValid: false; reason: Permit2ReasonCode | ReasonCode; payment: Permit2Payment }

/** Authorizations a zero upto settlement consumed without a transaction (`from:nonce`). */
export type ConsumedSet = Set<string>

/** The key of an authorization: its owner and Permit2 nonce. */
export function authorizationKey(payment: Permit2Payment): string {
  return `${payment.authorization.from.toLowerCase()}:${payment.authorization.nonce}`
}

/**
 * Runs checks 8-15 for `phase`. At settle, upto's amount is the charge: the signature is checked
 * against the signed maximum, the charge must not exceed it, and a zero charge simulates nothing.
 * Throws only when the chain cannot be read.
 */
export async function verifyPermit2(
  context: FacilitatorContext,
  payment: Permit2Payment,
  phase: Phase,
  consumed: ConsumedSet,
): Promise<Permit2Verdict> {
  const { authorization } = payment
  const chainId = context.preset.chainId
  const invalid = (reason: Permit2ReasonCode | ReasonCode): Permit2Verdict => ({
    isValid: false,
    reason,
    payment,
  })
  const typedData: Permit2TypedData =
    payment.kind === 'exact'
      ? exactPermit2TypedData(payment.authorization, chainId)
      : uptoTypedData(payment.authorization, chainId)
  const call = settlementCall(payment)
  const state = await readPermit2State(context, {
    from: authorization.from,
    asset: payment.asset,
    nonce: authorization.nonce,
    typedData,
    signature: payment.signature,
    ...(call ? { simulate: call } : {}),
  })

  // 8. Signature.
  if (!state.signatureValid) return invalid(Permit2Reason.signature)
  // Settle-time rule of upto (scheme_upto_evm.md, "Settle-Time Verification" step 2): the charge
  // never exceeds the signed maximum; checked before anything that depends on the charge.
  const permitted = authorization.permitted.amount
  const uptoSettle = payment.kind === 'upto' && phase === 'settle'
  if (uptoSettle && payment.amount > permitted) return invalid(Permit2Reason.settlementExceeds)
  // 9. Approval, 10. balance, for what will move.
  if (state.allowance < payment.amount) return invalid(Permit2Reason.allowance)
  if (state.balance < payment.amount) return invalid(Permit2Reason.funds)
  // 11. The authorization covers this payment.
  if (!uptoSettle && permitted !== payment.amount) return invalid(Permit2Reason.amount)
  const proxy = payment.kind === 'exact' ? X402_EXACT_PERMIT2_PROXY : X402_UPTO_PERMIT2_PROXY
  if (authorization.spender !== proxy) return invalid(Permit2Reason.spender)
  if (authorization.witness.to !== payment.payTo) return invalid(Permit2Reason.recipient)
  if (
    payment.kind === 'upto' &&
    payment.authorization.witness.facilitator.toLowerCase() !== context.signer.toLowerCase()
  )
    return invalid(Permit2Reason.facilitator)
  // 12. Time.
  const wall = BigInt(Math.floor(Date.now() / 1000))
  const now = state.blockTimestamp > wall ? state.blockTimestamp : wall
  if (authorization.deadline < now + BigInt(context.validBeforeBufferSeconds))
    return invalid(Permit2Reason.deadline)
  if (authorization.witness.validAfter > now) return invalid(Permit2Reason.validAfter)
  // 13. Token.
  if (authorization.permitted.token !== payment.asset || !state.assetHasCode)
    return invalid(Permit2Reason.token)
  // 14. Nonce.
  if (state.nonceUsed || consumed.has(authorizationKey(payment))) return invalid(Permit2Reason.nonce)
  // 15. Simulation.
  if (state.simulationError !== undefined) return invalid(Permit2Reason.simulation)
  return { isValid: true, payment, ...(call ? { call } : {}) }
}

/**
 * The proxy call that settles `payment`: exact moves the permitted amount; upto moves `amount` (at
 * verify the maximum, the worst case). Undefined for a zero upto charge: nothing is sent.
 */
export function settlementCall(payment: Permit2Payment): { to: `0x${string}`; data: Hex } | undefined {
  if (payment.kind === 'exact') {
    return {
      to: X402_EXACT_PERMIT2_PROXY,
      data: encodeExactPermit2Settle(payment.authorization, payment.signature),
    }
  }
  if (payment.amount === 0n) return undefined
  return {
    to: X402_UPTO_PERMIT2_PROXY,
    data: encodeUptoSettle(payment.authorization, payment.amount, payment.signature),
  }
}
