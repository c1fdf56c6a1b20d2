/**
 * The channel contract's calls as calldata, and the ClaimBatch typed data the receiver authorizer
 * signs: shared by the facilitator (which sends them) and by the suites (which act on chain themselves).
 */
import { encodeAbiParameters, encodeFunctionData, type Hex } from 'viem'
import { batchSettlementAbi } from '../../../contracts/artifacts/index.ts'
import { ERC3009_DEPOSIT_COLLECTOR_ADDRESS } from '../../devnet/batch.ts'
import { batchDomain, type ChannelConfig, channelIdOf, claimBatchTypes } from './channel.ts'
import type { ClaimRow, DepositAuthorization } from './payload.ts'

/** `deposit(config, amount, collector, collectorData)` through the EIP-3009 collector. */
export function depositCalldata(
  config: ChannelConfig,
  amount: bigint,
  authorization: DepositAuthorization,
): Hex {
  const { validAfter, validBefore, salt, signature } = authorization
  const collectorData = encodeAbiParameters(
    [{ type: 'uint256' }, { type: 'uint256' }, { type: 'uint256' }, { type: 'bytes' }],
    [validAfter, validBefore, salt, signature],
  )
  return encodeFunctionData({
    abi: batchSettlementAbi,
    functionName: 'deposit',
    args: [config, amount, ERC3009_DEPOSIT_COLLECTOR_ADDRESS, collectorData],
  })
}

/** The EIP-712 ClaimBatch of `rows` the receiver authorizer signs for `claimWithSignature`. */
export function claimBatchTypedData(rows: readonly ClaimRow[], chainId: number) {
  return {
    domain: batchDomain(chainId),
    types: claimBatchTypes,
    primaryType: 'ClaimBatch',
    message: {
      claims: rows.map((row) => ({
        channelId: channelIdOf(row.channel, chainId),
        maxClaimableAmount: row.maxClaimableAmount,
        totalClaimed: row.totalClaimed,
      })),
    },
  } as const
}

/** `claimWithSignature(claims, signature)`. */
export function claimWithSignatureCalldata(rows: readonly ClaimRow[], signature: Hex): Hex {
  return encodeFunctionData({
    abi: batchSettlementAbi,
    functionName: 'claimWithSignature',
    args: [
      rows.map((row) => ({
        voucher: { channel: row.channel, maxClaimableAmount: row.maxClaimableAmount },
        signature: row.signature,
        totalClaimed: row.totalClaimed,
      })),
      signature,
    ],
  })
}
