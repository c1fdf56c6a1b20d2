/**
 * EIP-3009 typed data (x402-digest §2.3): the TransferWithAuthorization, ReceiveWithAuthorization and
 * CancelAuthorization EIP-712 types, the token's domain, signing with a viem LocalAccount, recovering the
 * signer (EOA), and the conversion between wire authorizations (decimal strings) and bigints.
 */
import { randomBytes } from 'node:crypto'
import {
  type Address,
  getAddress,
  type Hex,
  hashTypedData,
  type LocalAccount,
  recoverTypedDataAddress,
  toHex,
} from 'viem'
import { issue, WireError, type WireIssue } from '../../wire/errors.ts'
import type { ExactEvmAuthorization } from '../../wire/types.ts'

/** EIP-712 types of `transferWithAuthorization` (what x402 `exact` signs). */
export const transferWithAuthorizationTypes = {
  TransferWithAuthorization: [
    { name: 'from', type: 'address' },
    { name: 'to', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'validAfter', type: 'uint256' },
    { name: 'validBefore', type: 'uint256' },
    { name: 'nonce', type: 'bytes32' },
  ],
} as const

/** EIP-712 types of `receiveWithAuthorization` (same fields; only the payee may submit it). */
export const receiveWithAuthorizationTypes = {
  ReceiveWithAuthorization: transferWithAuthorizationTypes.TransferWithAuthorization,
} as const

/** EIP-712 types of `cancelAuthorization`. */
export const cancelAuthorizationTypes = {
  CancelAuthorization: [
    { name: 'authorizer', type: 'address' },
    { name: 'nonce', type: 'bytes32' },
  ],
} as const

/** The two authorization kinds that move tokens. */
export type AuthorizationPrimaryType = 'TransferWithAuthorization' | 'ReceiveWithAuthorization'

/** The token's EIP-712 domain: `extra.name`, `extra.version`, the chain id and the token (`asset`). */
export interface Eip3009Domain {
  name: string
  version: string
  chainId: number
  verifyingContract: Address
}

/** An EIP-3009 authorization with uints as bigints, as it is signed. */
export interface Authorization {
  from: Address
  to: Address
  value: bigint
  validAfter: bigint
  validBefore: bigint
  nonce: Hex
}

/** A cancellation of an unused authorization nonce. */
export interface CancelAuthorization {
  authorizer: Address
  nonce: Hex
}

/** The full typed data of an authorization: what is hashed and signed. */
export interface AuthorizationTypedData {
  domain: Eip3009Domain
  types: typeof transferWithAuthorizationTypes | typeof receiveWithAuthorizationTypes
  primaryType: AuthorizationPrimaryType
  message: Authorization
}

/** Builds the domain from its four fields (chain id may come as a bigint). */
export function eip3009Domain(fields: {
  name: string
  version: string
  chainId: number | bigint
  verifyingContract: Address
}): Eip3009Domain {
  return {
    name: fields.name,
    version: fields.version,
    chainId: Number(fields.chainId),
    verifyingContract: fields.verifyingContract,
  }
}

/** A fresh random 32-byte nonce, 0x-prefixed (what the reference client uses). */
export function randomNonce(): Hex {
  return toHex(randomBytes(32))
}

/** The typed data of an authorization (`TransferWithAuthorization` unless told otherwise). */
export function authorizationTypedData(
  domain: Eip3009Domain,
  authorization: Authorization,
  primaryType: AuthorizationPrimaryType = 'TransferWithAuthorization',
): AuthorizationTypedData {
  const types =
    primaryType === 'TransferWithAuthorization'
      ? transferWithAuthorizationTypes
      : receiveWithAuthorizationTypes
  return { domain, types, primaryType, message: authorization }
}

/**
 * viem's generics cannot follow a union of type sets; both variants have identical fields, so the
 * typed data is presented to viem as the Transfer variant (the runtime object is passed unchanged).
 */
function forViem(typedData: AuthorizationTypedData): {
  domain: Eip3009Domain
  types: typeof transferWithAuthorizationTypes
  primaryType: 'TransferWithAuthorization'
  message: Authorization
} {
  return typedData as unknown as ReturnType<typeof forViem>
}

/** The EIP-712 digest of an authorization. */
export function hashAuthorization(typedData: AuthorizationTypedData): Hex {
  return hashTypedData(forViem(typedData))
}

/** Signs an authorization with a local account. */
export async function signAuthorization(
  account: LocalAccount,
  typedData: AuthorizationTypedData,
): Promise<Hex> {
  return account.signTypedData(forViem(typedData))
}

/** Signs a `CancelAuthorization` for `authorizer`'s nonce. */
export async function signCancelAuthorization(
  account: LocalAccount,
  domain: Eip3009Domain,
  cancel: CancelAuthorization,
): Promise<Hex> {
  return account.signTypedData({
    domain,
    types: cancelAuthorizationTypes,
    primaryType: 'CancelAuthorization',
    message: cancel,
  })
}

/** Recovers the EOA that signed an authorization; throws when the signature is malformed. */
export async function recoverAuthorizationSigner(
  typedData: AuthorizationTypedData,
  signature: Hex,
): Promise<Address> {
  return recoverTypedDataAddress({ ...forViem(typedData), signature })
}

/** The outcome of checking an authorization's signature against its `from` (EOA only). */
export type SignatureCheck =
  | { valid: true; signer: Address }
  | { valid: false; signer?: Address; reason: string }

/**
 * Whether `signature` is an EOA signature by `authorization.from` over the typed data. Never throws:
 * a malformed signature is a `valid: false` with the reason. Smart-wallet (ERC-1271/6492) signatures
 * need the chain and are not judged here.
 */
export async function verifyAuthorizationSignature(
  typedData: AuthorizationTypedData,
  signature: Hex,
): Promise<SignatureCheck> {
  let signer: Address
  try {
    signer = await recoverAuthorizationSigner(typedData, signature)
  } catch (error) {
    return {
      valid: false,
      reason: `signature cannot be recovered: ${(error as Error).message.split('\n')[0]}`,
    }
  }
  if (signer.toLowerCase() === typedData.message.from.toLowerCase()) return { valid: true, signer }
  return { valid: false, signer, reason: `signed by ${signer}, not by from ${typedData.message.from}` }
}

/** The wire form of an authorization: uints as decimal strings, `to` as given. */
export function authorizationToWire(authorization: Authorization): ExactEvmAuthorization {
  return {
    from: authorization.from,
    to: authorization.to,
    value: authorization.value.toString(),
    validAfter: authorization.validAfter.toString(),
    validBefore: authorization.validBefore.toString(),
    nonce: authorization.nonce,
  }
}

const UINT256_MAX = (1n << 256n) - 1n
const DECIMAL = /^(0|[1-9][0-9]*)$/
const ADDRESS = /^0x[0-9a-fA-F]{40}$/
const BYTES32 = /^0x[0-9a-fA-F]{64}$/

/**
 * Converts a wire authorization to bigints for signing or recovery. Throws a `WireError` naming each
 * bad field (`authorization.value`, …). Addresses are checksummed.
 */
export function authorizationFromWire(wire: ExactEvmAuthorization): Authorization {
  const issues: WireIssue[] = []
  const uint = (field: 'value' | 'validAfter' | 'validBefore'): bigint => {
    const text = wire[field]
    if (typeof text === 'string' && DECIMAL.test(text) && BigInt(text) <= UINT256_MAX) return BigInt(text)
    issues.push(
      issue(
        `authorization.${field}`,
        'format',
        `expected a decimal uint256 string, got ${JSON.stringify(text)}`,
      ),
    )
    return 0n
  }
  const address = (field: 'from' | 'to'): Address => {
    const text = wire[field]
    if (typeof text === 'string' && ADDRESS.test(text)) return getAddress(text.toLowerCase())
    issues.push(
      issue(
        `authorization.${field}`,
        'format',
        `expected a 20-byte hex address, got ${JSON.stringify(text)}`,
      ),
    )
    return '0x0000000000000000000000000000000000000000'
  }
  const from = address('from')
  const to = address('to')
  const value = uint('value')
  const validAfter = uint('validAfter')
  const validBefore = uint('validBefore')
  const nonce = wire.nonce
  if (typeof nonce !== 'string' || !BYTES32.test(nonce)) {
    issues.push(
      issue('authorization.nonce', 'format', `expected a 32-byte hex string, got ${JSON.stringify(nonce)}`),
    )
  }
  if (issues.length > 0) throw new WireError({ subject: 'EIP-3009 authorization', issues })
  return { from, to, value, validAfter, validBefore, nonce: nonce as Hex }
}
