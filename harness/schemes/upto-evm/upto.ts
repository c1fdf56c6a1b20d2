/**
 * `upto` on EVM (scheme_upto.md, scheme_upto_evm.md): Permit2 with the witness
 * `Witness(address to,address facilitator,uint256 validAfter)`, the x402UptoPermit2Proxy as spender,
 * the facilitator taken from `extra.facilitatorAddress`; the signed `permitted.amount` is the maximum.
 */
import { type Address, getAddress, type Hex } from 'viem'
import { X402_UPTO_PERMIT2_PROXY } from '../../devnet/permit2-addresses.ts'
import { WireError } from '../../wire/errors.ts'
import type { PaymentRequirementsV2 } from '../../wire/types.ts'
import {
  buildPermit2Payment,
  type Permit2Method,
  type Permit2Payment,
  type Permit2PaymentOptions,
} from '../exact-permit2-evm/build.ts'
import {
  type Permit2Authorization,
  type Permit2TypedData,
  permit2TypedData,
  readPermit2Payload,
  type WitnessField,
} from '../exact-permit2-evm/permit2.ts'

/** The upto witness: recipient, the one facilitator allowed to settle, earliest settlement time. */
export interface UptoWitness {
  [field: string]: Address | bigint
  to: Address
  facilitator: Address
  validAfter: bigint
}

export type UptoAuthorization = Permit2Authorization<UptoWitness>

/** `Witness(address to,address facilitator,uint256 validAfter)`, the upto proxy's WITNESS_TYPEHASH. */
export const UPTO_WITNESS: readonly WitnessField[] = [
  { name: 'to', type: 'address' },
  { name: 'facilitator', type: 'address' },
  { name: 'validAfter', type: 'uint256' },
]

/**
 * `extra.facilitatorAddress` of upto requirements: "The client MUST include this `facilitatorAddress`
 * in the `permit2Authorization.witness.facilitator` field" (scheme_upto_evm.md §1 Phase 2).
 */
export function uptoFacilitatorAddress(requirements: PaymentRequirementsV2): Address {
  const value = requirements.extra?.facilitatorAddress
  if (typeof value === 'string' && /^0x[0-9a-fA-F]{40}$/.test(value)) return getAddress(value.toLowerCase())
  throw new WireError({
    subject: 'upto requirements',
    issues: [
      {
        path: 'extra.facilitatorAddress',
        code: value === undefined ? 'missing' : 'format',
        message: 'upto requires the facilitator address in extra.facilitatorAddress (scheme_upto_evm.md §1)',
      },
    ],
  })
}

/** The method for buildPermit2Payment: honest witness `{ to: payTo, facilitator, validAfter: 0 }`. */
export const uptoMethod: Permit2Method<UptoWitness> = {
  label: 'upto',
  spender: X402_UPTO_PERMIT2_PROXY,
  witnessFields: UPTO_WITNESS,
  witness: (requirements: PaymentRequirementsV2) => ({
    to: getAddress(requirements.payTo.toLowerCase()),
    facilitator: uptoFacilitatorAddress(requirements),
    validAfter: 0n,
  }),
}

/** Builds and signs an `upto` payment (v2) authorizing at most `requirements.amount`. */
export function buildUptoPayment(
  options: Permit2PaymentOptions<UptoWitness>,
): Promise<Permit2Payment<UptoWitness>> {
  return buildPermit2Payment(uptoMethod, options)
}

/** Reads an `upto` `payload`; a WireError names every bad field. */
export function readUptoPayload(payload: unknown): { signature: Hex; authorization: UptoAuthorization } {
  return readPermit2Payload(payload, UPTO_WITNESS, 'upto payload') as {
    signature: Hex
    authorization: UptoAuthorization
  }
}

/** The typed data an upto authorization is signed over. */
export function uptoTypedData(authorization: UptoAuthorization, chainId: number): Permit2TypedData {
  return permit2TypedData(authorization, UPTO_WITNESS, chainId)
}
