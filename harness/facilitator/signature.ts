/**
 * Signature checks for an EIP-3009 authorization. Routed by the payer's code (as @x402/evm 2.27 and the
 * token's SignatureChecker do): ecrecover here when `from` has no code; ERC-1271 `isValidSignature` when it
 * has code, asked in chain-state.ts.
 */
import {
  type Address,
  type Hex,
  hashTypedData,
  hexToNumber,
  isAddressEqual,
  recoverAddress,
  size,
  slice,
  zeroAddress,
} from 'viem'
import { transferWithAuthorizationTypes } from './abi.ts'
import type { FacilitatorContext } from './config.ts'
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

/** The EIP-712 digest the token computes for this authorization (domain from the configured token). */
export function authorizationDigest(context: FacilitatorContext, authorization: ExactAuthorization): Hex {
  return hashTypedData({
    domain: {
      name: context.preset.eip712.name,
      version: context.preset.eip712.version,
      chainId: context.preset.chainId,
      verifyingContract: context.usdc,
    },
    types: transferWithAuthorizationTypes,
    primaryType: 'TransferWithAuthorization',
    message: authorization,
  })
}

/**
 * Whether an EOA signature is one the token's ecrecover path accepts from `signer`: exactly 65 bytes,
 * v of 27 or 28 (ecrecover rejects 0/1), low s, recovering to `signer`.
 */
export async function isValidEoaSignature(digest: Hex, signature: Hex, signer: Address): Promise<boolean> {
  const parts = splitSignature(signature)
  if (!parts || (parts.v !== 27 && parts.v !== 28) || BigInt(parts.s) > HALF_CURVE_ORDER) return false
  try {
    const recovered = await recoverAddress({ hash: digest, signature })
    return recovered !== zeroAddress && isAddressEqual(recovered, signer)
  } catch {
    return false // not a point on the curve
  }
}
