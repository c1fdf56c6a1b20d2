/**
 * Reading a /verify or /settle body into a typed `exact` EIP-3009 payment, one check at a time, in the
 * documented order (steps 1-8 of verify.ts). Every failure names its spec §9 reason; nothing here
 * touches the chain.
 */
import { type Address, getAddress, type Hex, isAddressEqual } from 'viem'
import type { Authorization } from '../schemes/exact-evm/eip3009.ts'
import { isRecord, readAddress, readBytes32, readHexBytes, readUint256 } from '../wire/fields.ts'
import type { X402Version } from '../wire/types.ts'
import type { FacilitatorContext, SettledToken } from './config.ts'
import { Reason, type ReasonCode } from './reasons.ts'

/** The body of POST /verify and /settle, checked only as far as its two objects (spec §7.1). */
export interface FacilitatorBody {
  x402Version?: unknown
  paymentPayload: Record<string, unknown>
  paymentRequirements: Record<string, unknown>
}

/** The EIP-3009 authorization, typed (the one shape harness/schemes/exact-evm/eip3009.ts signs and hashes). */
export type ExactAuthorization = Authorization

/** A payment that passed the off-chain reading: what the chain checks and settlement need. */
export interface ExactPayment {
  version: X402Version
  /** The amount the requirements ask for (v1 `maxAmountRequired`, v2 `amount`). */
  amount: bigint
  asset: Address
  /** The settled token `asset` names, with its EIP-712 domain. */
  token: SettledToken
  payTo: Address
  authorization: ExactAuthorization
  signature: Hex
}

/** The result of one reading step. */
export type Read<T> = { ok: true; value: T } | { ok: false; reason: ReasonCode }

const fail = <T>(reason: ReasonCode): Read<T> => ({ ok: false, reason })
const ok = <T>(value: T): Read<T> => ({ ok: true, value })

/** The body's two objects, or undefined when it is not `{paymentPayload: {...}, paymentRequirements: {...}}`. */
export function readEnvelope(body: unknown): FacilitatorBody | undefined {
  if (!isRecord(body) || !isRecord(body.paymentPayload) || !isRecord(body.paymentRequirements))
    return undefined
  return {
    x402Version: body.x402Version,
    paymentPayload: body.paymentPayload,
    paymentRequirements: body.paymentRequirements,
  }
}

/** `payload.authorization.from` as sent (checksummed when it is an address): the `payer` of every answer. */
export function payerOf(body: FacilitatorBody | undefined): string | undefined {
  const payload = body?.paymentPayload.payload
  const authorization = isRecord(payload) ? payload.authorization : undefined
  const from = isRecord(authorization) ? authorization.from : undefined
  if (typeof from !== 'string') return undefined
  return readAddress(from) ?? from
}

/** The payload's x402Version when it is 1 or 2. */
export function versionOf(body: FacilitatorBody): X402Version | undefined {
  const version = body.paymentPayload.x402Version
  return version === 1 || version === 2 ? version : undefined
}

/** This devnet's network id in a version's format: the v1 name or the v2 CAIP-2 id. */
export function networkId(context: FacilitatorContext, version: X402Version): string {
  return version === 1 ? context.preset.networkV1 : context.preset.network
}

/** What every requirements object must carry, read strictly (step 4 of verification). */
export interface RequirementTerms {
  amount: bigint
  asset: Address
  payTo: Address
  extra: Record<string, unknown> | undefined
}

/**
 * The terms of `requirements` with `amount` (v1 `maxAmountRequired`, v2 `amount`), or undefined when
 * any is missing or malformed: a positive whole maxTimeoutSeconds, and `extra` an object when present.
 */
export function readRequirementTerms(
  requirements: Record<string, unknown>,
  amount: unknown,
): RequirementTerms | undefined {
  const value = readUint256(amount)
  const asset = readAddress(requirements.asset)
  const payTo = readAddress(requirements.payTo)
  const timeout = requirements.maxTimeoutSeconds
  const extra = requirements.extra
  if (value === undefined || asset === undefined || payTo === undefined) return undefined
  if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout <= 0) return undefined
  if (extra !== undefined && extra !== null && !isRecord(extra)) return undefined
  return { amount: value, asset, payTo, extra: isRecord(extra) ? extra : undefined }
}

/**
 * Steps 1-8 of verification: version, scheme, network, requirements shape, asset, EIP-712 domain,
 * (v2) `accepted` against the requirements, payload shape.
 */
export function readPayment(context: FacilitatorContext, body: FacilitatorBody): Read<ExactPayment> {
  const requirements = body.paymentRequirements
  const payment = body.paymentPayload

  // 1. Version: the payload's, and the envelope's when it gives one (the spec-v2 example omits it).
  const version = versionOf(body)
  if (version === undefined) return fail(Reason.version)
  if (body.x402Version !== undefined && body.x402Version !== version) return fail(Reason.version)
  const accepted = version === 2 ? payment.accepted : undefined
  if (version === 2 && !isRecord(accepted)) return fail(Reason.payload)
  const offer = isRecord(accepted) ? accepted : payment // where the payload names scheme and network

  // 2. Scheme: this facilitator settles `exact` only, on both sides.
  if (typeof requirements.scheme !== 'string') return fail(Reason.requirements)
  if (typeof offer.scheme !== 'string') return fail(Reason.payload)
  if (requirements.scheme !== 'exact' || offer.scheme !== 'exact') return fail(Reason.scheme)

  // 3. Network: the requirements name this devnet's chain, and the payload names the same network.
  if (typeof requirements.network !== 'string') return fail(Reason.requirements)
  if (typeof offer.network !== 'string') return fail(Reason.payload)
  if (requirements.network !== networkId(context, version)) return fail(Reason.network)
  if (offer.network !== requirements.network) return fail(Reason.network)

  // 4. Requirements shape.
  const terms = readRequirementTerms(
    requirements,
    version === 1 ? requirements.maxAmountRequired : requirements.amount,
  )
  if (terms === undefined) return fail(Reason.requirements)
  const { amount, asset, payTo, extra } = terms

  // 5. Asset: a token this facilitator settles.
  const token = context.tokens.find((candidate) => isAddressEqual(asset, candidate.address))
  if (token === undefined) return fail(Reason.requirements)

  // 6. EIP-712 domain: `extra` must carry the token's own name and version, or no client can sign a
  //    payment the token accepts (the SDK says invalid_exact_evm_missing_eip712_domain / *_name_mismatch).
  if (!isRecord(extra)) return fail(Reason.requirements)
  if (extra.name !== token.eip712.name || extra.version !== token.eip712.version) {
    return fail(Reason.requirements)
  }

  // 7. v2 parameter matching (spec §6.1.2 step 5): what the client says it accepted must be what the
  //    server requires. The SDK compares only scheme and network; amount, asset and payTo are compared
  //    here too, because a server that forwards a client's `accepted` would otherwise settle on its terms.
  if (isRecord(accepted)) {
    const acceptedAmount = readUint256(accepted.amount)
    const acceptedAsset = readAddress(accepted.asset)
    const acceptedPayTo = readAddress(accepted.payTo)
    if (acceptedAmount !== amount) return fail(Reason.payload)
    if (acceptedAsset === undefined || !isAddressEqual(acceptedAsset, asset)) return fail(Reason.payload)
    if (acceptedPayTo === undefined || !isAddressEqual(acceptedPayTo, payTo)) return fail(Reason.payload)
  }

  // 8. Payload shape: `{signature, authorization: {from, to, value, validAfter, validBefore, nonce}}`.
  const authorization = readAuthorization(payment.payload)
  if (!authorization.ok) return authorization
  const signature = isRecord(payment.payload) ? readHexBytes(payment.payload.signature) : undefined
  if (signature === undefined) return fail(Reason.payload)

  return ok({
    version,
    amount,
    asset: getAddress(asset),
    token,
    payTo,
    authorization: authorization.value,
    signature,
  })
}

function readAuthorization(payload: unknown): Read<ExactAuthorization> {
  if (!isRecord(payload) || !isRecord(payload.authorization)) return fail(Reason.payload)
  const raw = payload.authorization
  const from = readAddress(raw.from)
  const to = readAddress(raw.to)
  const value = readUint256(raw.value)
  const validAfter = readUint256(raw.validAfter)
  const validBefore = readUint256(raw.validBefore)
  const nonce = readBytes32(raw.nonce)
  if (
    from === undefined ||
    to === undefined ||
    value === undefined ||
    validAfter === undefined ||
    validBefore === undefined ||
    nonce === undefined
  ) {
    return fail(Reason.payload)
  }
  return ok({ from, to, value, validAfter, validBefore, nonce })
}
