/**
 * Reading a /verify or /settle body into a typed Permit2 payment (exact with Permit2, or upto), one
 * check at a time; nothing here touches the chain. upto's `amount` is phase-dependent
 * (scheme_upto.md §5): the maximum at verify, the amount to settle at settle.
 */
import { type Address, getAddress, type Hex, isAddressEqual } from 'viem'
import {
  type ExactPermit2Authorization,
  readExactPermit2Payload,
} from '../../schemes/exact-permit2-evm/index.ts'
import { readUptoPayload, type UptoAuthorization } from '../../schemes/upto-evm/index.ts'
import { isRecord, readAddress, readUint256 } from '../../wire/fields.ts'
import type { FacilitatorContext } from '../config.ts'
import { type FacilitatorBody, payerOf, type Read, readRequirementTerms } from '../payment.ts'
import { Reason, type ReasonCode } from '../reasons.ts'

/** A Permit2 payment that passed the off-chain reading. */
export type Permit2Payment =
  | (Common & { kind: 'exact'; authorization: ExactPermit2Authorization })
  | (Common & { kind: 'upto'; authorization: UptoAuthorization })

interface Common {
  /** `paymentRequirements.amount`: exact's price; upto's maximum (verify) or amount to settle (settle). */
  amount: bigint
  asset: Address
  payTo: Address
  network: string
  signature: Hex
}

/** Which phase the body is read for: upto's `amount` means the maximum at verify, the charge at settle. */
export type Phase = 'verify' | 'settle'

const fail = (reason: ReasonCode): Read<Permit2Payment> => ({ ok: false, reason })

/** Whether the built-in facilitator's Permit2 handler takes this body: upto, or v2 exact with a Permit2 payload. */
export function isPermit2Body(body: FacilitatorBody): boolean {
  if (body.paymentPayload.x402Version !== 2) return false // v1 has neither: the exact handler refuses it
  const accepted = isRecord(body.paymentPayload.accepted) ? body.paymentPayload.accepted : {}
  if (body.paymentRequirements.scheme === 'upto' || accepted.scheme === 'upto') return true
  const payload = body.paymentPayload.payload
  return isRecord(payload) && Object.hasOwn(payload, 'permit2Authorization')
}

/**
 * `payload.permit2Authorization.from` as sent (checksummed when an address): the payer of the answers;
 * for an EIP-3009 payload sent as upto, its `authorization.from`.
 */
export function permit2PayerOf(body: FacilitatorBody): string | undefined {
  const payload = body.paymentPayload.payload
  const authorization = isRecord(payload) ? payload.permit2Authorization : undefined
  const from = isRecord(authorization) ? authorization.from : undefined
  if (typeof from !== 'string') return payerOf(body)
  return readAddress(from) ?? from
}

/**
 * Steps 1-7: version (2 only), scheme, network, requirements shape, transfer method, `accepted`
 * against the requirements, payload shape.
 */
export function readPermit2Payment(
  context: FacilitatorContext,
  body: FacilitatorBody,
  phase: Phase,
): Read<Permit2Payment> {
  const requirements = body.paymentRequirements
  const payment = body.paymentPayload
  // 1. Version: Permit2 methods exist in v2 only.
  if (payment.x402Version !== 2) return fail(Reason.version)
  if (body.x402Version !== undefined && body.x402Version !== 2) return fail(Reason.version)
  const accepted = payment.accepted
  if (!isRecord(accepted)) return fail(Reason.payload)
  // 2. Scheme: exact or upto, the same on both sides.
  const scheme = requirements.scheme
  if (scheme !== 'exact' && scheme !== 'upto') return fail(Reason.scheme)
  if (accepted.scheme !== scheme) return fail(Reason.scheme)
  // 3. Network: this devnet's chain, on both sides.
  if (requirements.network !== context.preset.network || accepted.network !== requirements.network)
    return fail(Reason.network)
  // 4. Requirements shape.
  const terms = readRequirementTerms(requirements, requirements.amount)
  if (terms === undefined) return fail(Reason.requirements)
  const { amount, asset, payTo, extra } = terms
  // 5. Transfer method: a Permit2 payload for requirements that ask for another method is not theirs.
  const method = extra?.assetTransferMethod
  if (method !== undefined && method !== 'permit2') return fail(Reason.payload)
  // 6. accepted: what the client signed for must be what the server requires. upto's settle-time
  //    amount is the charge, while `accepted.amount` stays the maximum: compared at verify only.
  const acceptedAsset = readAddress(accepted.asset)
  const acceptedPayTo = readAddress(accepted.payTo)
  if (acceptedAsset === undefined || !isAddressEqual(acceptedAsset, asset)) return fail(Reason.payload)
  if (acceptedPayTo === undefined || !isAddressEqual(acceptedPayTo, payTo)) return fail(Reason.payload)
  if ((scheme === 'exact' || phase === 'verify') && readUint256(accepted.amount) !== amount)
    return fail(Reason.payload)
  // 7. Payload shape.
  const common = { amount, asset: getAddress(asset), payTo, network: requirements.network }
  try {
    if (scheme === 'exact') {
      const { authorization, signature } = readExactPermit2Payload(payment.payload)
      return { ok: true, value: { ...common, kind: 'exact', authorization, signature } }
    }
    const { authorization, signature } = readUptoPayload(payment.payload)
    return { ok: true, value: { ...common, kind: 'upto', authorization, signature } }
  } catch {
    return fail(Reason.payload)
  }
}
