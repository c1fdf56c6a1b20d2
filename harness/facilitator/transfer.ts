/** The `transferWithAuthorization` call that settles a payment; simulation and settlement send the same bytes. */
import { encodeFunctionData, type Hex } from 'viem'
import { eip3009Abi } from './abi.ts'
import type { ExactPayment } from './payment.ts'
import { splitSignature } from './signature.ts'

/**
 * Calldata for settling `payment`: the (v, r, s) overload for a 65-byte signature of an account without
 * code (an EOA), the `bytes signature` overload (USDC v2.2) for a smart wallet or any other signature.
 */
export function transferCalldata(payment: ExactPayment, payerHasCode: boolean): Hex {
  const { from, to, value, validAfter, validBefore, nonce } = payment.authorization
  const parts = payerHasCode ? undefined : splitSignature(payment.signature)
  if (parts) {
    return encodeFunctionData({
      abi: eip3009Abi,
      functionName: 'transferWithAuthorization',
      args: [from, to, value, validAfter, validBefore, nonce, parts.v, parts.r, parts.s],
    })
  }
  return encodeFunctionData({
    abi: eip3009Abi,
    functionName: 'transferWithAuthorization',
    args: [from, to, value, validAfter, validBefore, nonce, payment.signature],
  })
}
