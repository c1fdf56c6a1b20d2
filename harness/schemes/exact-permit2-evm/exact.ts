/**
 * `exact` with `assetTransferMethod: "permit2"` (scheme_exact_evm.md §2): the witness
 * `Witness(address to,uint256 validAfter)`, the x402ExactPermit2Proxy as spender, the payload reader
 * and the payment builder.
 */
import { type Address, getAddress, type Hex } from 'viem'
import { X402_EXACT_PERMIT2_PROXY } from '../../devnet/permit2-addresses.ts'
import type { PaymentRequirementsV2 } from '../../wire/types.ts'
import {
  buildPermit2Payment,
  type Permit2Method,
  type Permit2Payment,
  type Permit2PaymentOptions,
} from './build.ts'
import {
  type Permit2Authorization,
  type Permit2TypedData,
  permit2TypedData,
  readPermit2Payload,
  type WitnessField,
} from './permit2.ts'

/** The exact witness: the recipient and the earliest settlement time. */
export interface ExactPermit2Witness {
  [field: string]: Address | bigint
  to: Address
  validAfter: bigint
}

export type ExactPermit2Authorization = Permit2Authorization<ExactPermit2Witness>

/** `Witness(address to,uint256 validAfter)`, the proxy's WITNESS_TYPEHASH. */
export const EXACT_PERMIT2_WITNESS: readonly WitnessField[] = [
  { name: 'to', type: 'address' },
  { name: 'validAfter', type: 'uint256' },
]

/** The method for {@link buildPermit2Payment}: honest witness `{ to: payTo, validAfter: 0 }` as the SDK signs it. */
export const exactPermit2Method: Permit2Method<ExactPermit2Witness> = {
  label: 'exact permit2',
  spender: X402_EXACT_PERMIT2_PROXY,
  witnessFields: EXACT_PERMIT2_WITNESS,
  witness: (requirements: PaymentRequirementsV2) => ({
    to: getAddress(requirements.payTo.toLowerCase()),
    validAfter: 0n,
  }),
}

/** Builds and signs an `exact` Permit2 payment (v2). */
export function buildExactPermit2Payment(
  options: Permit2PaymentOptions<ExactPermit2Witness>,
): Promise<Permit2Payment<ExactPermit2Witness>> {
  return buildPermit2Payment(exactPermit2Method, options)
}

/** Reads an `exact` Permit2 `payload`; a WireError names every bad field. */
export function readExactPermit2Payload(payload: unknown): {
  signature: Hex
  authorization: ExactPermit2Authorization
} {
  const read = readPermit2Payload(payload, EXACT_PERMIT2_WITNESS, 'exact permit2 payload')
  return read as { signature: Hex; authorization: ExactPermit2Authorization }
}

/** The typed data an exact Permit2 authorization is signed over. */
export function exactPermit2TypedData(
  authorization: ExactPermit2Authorization,
  chainId: number,
): Permit2TypedData {
  return permit2TypedData(authorization, EXACT_PERMIT2_WITNESS, chainId)
}
