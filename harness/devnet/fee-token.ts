/**
 * The devnet's second EIP-3009 token: a fee-on-transfer USDC (contracts/src/FeeOnTransferUsdc.sol) at a
 * fixed address. Settling an `exact` payment in it mines with status success but moves `amount - fee`
 * to payTo, so it tells a facilitator (or a server's oracle) that checks the Transfer event from one
 * that trusts `receipt.status` (x402-foundation/x402 #2385).
 */
import { type Address, encodeDeployData } from 'viem'
import { feeOnTransferUsdcAbi, feeOnTransferUsdcBytecode } from '../../contracts/artifacts/index.ts'
import { FEE_TOKEN } from './fee-token-info.ts'
import { placeContract } from './place.ts'
import { waitForReceipt } from './receipt.ts'
import type { Devnet, DevnetAccount } from './types.ts'

export { FEE_TOKEN, feeOf } from './fee-token-info.ts'

/** Places the token at {@link FEE_TOKEN}.address (its domain lives in immutables, so nothing is mined). */
export async function placeFeeToken(devnet: Devnet): Promise<void> {
  const creation = encodeDeployData({
    abi: feeOnTransferUsdcAbi,
    bytecode: feeOnTransferUsdcBytecode,
    args: [FEE_TOKEN.eip712.name, FEE_TOKEN.eip712.version],
  })
  await placeContract(devnet, FEE_TOKEN.address, creation, 'FeeOnTransferUsdc')
}

/** Mints `amount` of the token to `account` (sent by the account itself: it needs ETH for gas). */
export async function fundFeeToken(devnet: Devnet, account: DevnetAccount, amount: bigint): Promise<void> {
  const hash = await devnet.walletClient(account).writeContract({
    address: FEE_TOKEN.address,
    abi: feeOnTransferUsdcAbi,
    functionName: 'mint',
    args: [account.address, amount],
  })
  const receipt = await waitForReceipt(devnet.publicClient, hash)
  if (receipt.status !== 'success') throw new Error(`fee token mint to ${account.address} reverted`)
}

/** The token balance of `address`. */
export function feeTokenBalance(devnet: Devnet, address: Address): Promise<bigint> {
  return devnet.publicClient.readContract({
    address: FEE_TOKEN.address,
    abi: feeOnTransferUsdcAbi,
    functionName: 'balanceOf',
    args: [address],
  })
}
