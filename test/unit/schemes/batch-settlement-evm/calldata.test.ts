/**
 * The channel contract's calldata and the ClaimBatch typed data: the digest the receiver authorizer
 * signs is the one @x402/evm computes, and the calldata decodes back (with the contract's ABI) to the
 * arguments the rows and the deposit authorization give.
 */
import { decodeAbiParameters, decodeFunctionData, hashTypedData } from 'viem'
import { describe, expect, it } from 'vitest'
import { batchSettlementAbi } from '../../../../contracts/artifacts/index.ts'
import { ERC3009_DEPOSIT_COLLECTOR_ADDRESS } from '../../../../harness/devnet/batch.ts'
import {
  claimBatchTypedData,
  claimWithSignatureCalldata,
  depositCalldata,
} from '../../../../harness/schemes/batch-settlement-evm/calldata.ts'
import type { ClaimRow } from '../../../../harness/schemes/batch-settlement-evm/payload.ts'
import { sdk } from './sdk.ts'

const rows: ClaimRow[] = sdk.claimBatch.message.claims.map((claim, index) => ({
  channel: sdk.channels[index]!.config,
  maxClaimableAmount: BigInt(claim.maxClaimableAmount),
  signature: sdk.vouchers[index]!.signature,
  totalClaimed: BigInt(claim.totalClaimed),
}))

describe('calldata and claim typed data', () => {
  it('the ClaimBatch digest of the rows is the SDK one', () => {
    expect(hashTypedData(claimBatchTypedData(rows, sdk.chainId))).toBe(sdk.claimBatch.hash)
    expect(hashTypedData(claimBatchTypedData(rows.slice(0, 1), sdk.chainId))).not.toBe(sdk.claimBatch.hash)
  })

  it('claimWithSignature calldata decodes to the rows and the signature', () => {
    const decoded = decodeFunctionData({
      abi: batchSettlementAbi,
      data: claimWithSignatureCalldata(rows, '0x1234'),
    })
    expect(decoded.functionName).toBe('claimWithSignature')
    const [claims, signature] = decoded.args as unknown as [Array<Record<string, unknown>>, string]
    expect(signature).toBe('0x1234')
    expect(claims.map((claim) => claim.totalClaimed)).toEqual([4000n, 7000n])
    expect((claims[1]!.voucher as { channel: { payerAuthorizer: string } }).channel.payerAuthorizer).toBe(
      rows[1]!.channel.payerAuthorizer,
    )
  })

  it('deposit calldata goes through the ERC-3009 collector with (validAfter, validBefore, salt, signature)', () => {
    const erc3009 = sdk.deposits[0]!.payload.deposit.authorization.erc3009Authorization
    const authorization = {
      validAfter: 0n,
      validBefore: BigInt(erc3009.validBefore),
      salt: BigInt(erc3009.salt),
      signature: erc3009.signature,
    }
    const decoded = decodeFunctionData({
      abi: batchSettlementAbi,
      data: depositCalldata(rows[0]!.channel, 5000n, authorization),
    })
    expect(decoded.functionName).toBe('deposit')
    const [config, amount, collector, data] = decoded.args as unknown as [
      Record<string, unknown>,
      bigint,
      string,
      `0x${string}`,
    ]
    expect(config).toEqual(rows[0]!.channel)
    expect(amount).toBe(5000n)
    expect(collector).toBe(ERC3009_DEPOSIT_COLLECTOR_ADDRESS)
    expect(
      decodeAbiParameters(
        [{ type: 'uint256' }, { type: 'uint256' }, { type: 'uint256' }, { type: 'bytes' }],
        data,
      ),
    ).toEqual([0n, authorization.validBefore, authorization.salt, erc3009.signature])
  })
})
