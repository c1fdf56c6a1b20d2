/**
 * Signature checks for an EIP-3009 authorization, routed by the payer's code (as @x402/evm 2.27 and the
 * token's SignatureChecker do): ecrecover when `from` has no code, ERC-1271 `isValidSignature` when it
 * has. Both run on the chain (chain-state.ts asks them in its one eth_call): the ecrecover precompile is
 * what the token itself uses, and it spares the facilitator's CPU a JavaScript curve recovery. What the
 * token checks around ecrecover (OpenZeppelin ECDSA: 65 bytes, low s, v as given) is checked here.
 */
import { type Address, concat, getAddress, type Hex, hexToNumber, numberToHex, size, slice } from 'viem'
import { authorizationTypedData, eip3009Domain, hashAuthorization } from '../schemes/exact-evm/eip3009.ts'
import type { FacilitatorContext, SettledToken } from './config.ts'
import type { ExactAuthorization } from './payment.ts'

/** secp256k1 n / 2: OpenZeppelin's ECDSA (and FiatToken) refuse a larger `s` (malleable signatures). */
const HALF_CURVE_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n

/** A 65-byte ECDSA signature split the way `transferWithAuthorization(..., v, r, s)` takes it. */
export interface SplitSignature {
  r: Hex
  s: Hex
  v: number
}

/** Splits a 65-byte `r || s || v` signature; undefined for any other length. No normalisation of v. */
export function splitSignature(signature: Hex): SplitSignature | undefined {
  if (size(signature) !== 65) return undefined
  return { r: slice(signature, 0, 32), s: slice(signature, 32, 64), v: hexToNumber(slice(signature, 64, 65)) }
}

/** The EIP-712 digest `token` computes for this authorization. */
export function authorizationDigest(
  context: FacilitatorContext,
  token: SettledToken,
  authorization: ExactAuthorization,
): Hex {
  const domain = eip3009Domain({
    name: token.eip712.name,
    version: token.eip712.version,
    chainId: context.preset.chainId,
    verifyingContract: token.address,
  })
  return hashAuthorization(authorizationTypedData(domain, authorization))
}

/** The ecrecover precompile's address. */
export const ECRECOVER_ADDRESS: Address = '0x0000000000000000000000000000000000000001'

/**
 * Input for the ecrecover precompile (`digest || v || r || s`, 32 bytes each), or undefined when the token
 * would refuse the signature before recovering: not 65 bytes, or a high s (malleable). v goes in as
 * signed: the precompile, like the token, recovers nothing for a v other than 27 or 28.
 */
export function ecrecoverInput(digest: Hex, signature: Hex): Hex | undefined {
  const parts = splitSignature(signature)
  if (!parts || BigInt(parts.s) > HALF_CURVE_ORDER) return undefined
  return concat([digest, numberToHex(parts.v, { size: 32 }), parts.r, parts.s])
}

/** The address the precompile recovered (the low 20 of its 32 bytes), or undefined when it recovered none. */
export function ecrecoverOutput(data: Hex): Address | undefined {
  if (size(data) !== 32) return undefined
  const address = getAddress(slice(data, 12, 32))
  return BigInt(address) === 0n ? undefined : address
}
