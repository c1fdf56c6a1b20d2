/**
 * Where the devnet's fee-on-transfer token sits and what it charges (no viem, so the `devnet` command
 * can print it before loading anything). Placed by ./fee-token.ts.
 */
import type { Address } from 'viem'

/** The token, its EIP-712 domain and its fee (1%, rounded up: FeeOnTransferUsdc.feeOf). */
export const FEE_TOKEN = Object.freeze({
  address: '0xfeE0000000000000000000000000000000003009' as Address,
  eip712: Object.freeze({ name: 'Fee USDC', version: '1' }),
  feeBasisPoints: 100,
  /** Where each fee goes. */
  collector: '0x000000000000000000000000000000000000FEE0' as Address,
})

/** The fee the token takes from a transfer of `value` (the contract's `feeOf`). */
export function feeOf(value: bigint): bigint {
  return (value * BigInt(FEE_TOKEN.feeBasisPoints) + 9_999n) / 10_000n
}
