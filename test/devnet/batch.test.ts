/**
 * The batch-settlement contracts on a real devnet: placed at the canonical addresses, their EIP-712
 * hashes equal to what @x402/evm 2.27 computes, and the SDK's own facilitator driving a channel through
 * deposit, voucher, claim, settle and refund against them.
 */
import type { PaymentPayload } from '@x402/core/types'
import {
  BATCH_SETTLEMENT_DOMAIN,
  type ChannelConfig,
  claimBatchTypes,
  refundTypes,
  BATCH_SETTLEMENT_ADDRESS as SDK_BATCH_SETTLEMENT_ADDRESS,
  ERC3009_DEPOSIT_COLLECTOR_ADDRESS as SDK_ERC3009_DEPOSIT_COLLECTOR_ADDRESS,
  toFacilitatorEvmSigner,
  voucherTypes,
} from '@x402/evm'
import {
  computeChannelId,
  createBatchSettlementEIP3009DepositPayload,
  signVoucher,
} from '@x402/evm/batch-settlement/client'
import { BatchSettlementEvmScheme } from '@x402/evm/batch-settlement/facilitator'
import { type Address, getAddress, type Hex, hashTypedData, padHex, publicActions, zeroAddress } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { batchSettlementAbi, erc3009DepositCollectorAbi } from '../../contracts/artifacts/index.ts'
import {
  BATCH_SETTLEMENT_ADDRESS,
  ERC3009_DEPOSIT_COLLECTOR_ADDRESS,
  PERMIT2_DEPOSIT_COLLECTOR_ADDRESS,
  placeBatchSettlement,
} from '../../harness/devnet/batch.ts'
import { type Devnet, startDevnet } from '../../harness/devnet/index.ts'
import { batchChannel } from './batch-channel.ts'

const NETWORK = 'eip155:84532'
const CHAIN_ID = 84532

describe('batch-settlement contracts on the devnet', () => {
  let devnet: Devnet
  beforeAll(async () => {
    devnet = await startDevnet({ preset: 'base-sepolia' })
    await placeBatchSettlement(devnet)
  })
  afterAll(async () => {
    await devnet?.stop()
  })

  /** A channel config of `payer` to a fixed receiver; the salt tells samples apart. */
  const sampleConfig = (payer: Address, payerAuthorizer: Address, salt: number): ChannelConfig => ({
    payer,
    payerAuthorizer,
    receiver: getAddress('0x00000000000000000000000000000000000fee01'),
    receiverAuthorizer: getAddress('0x00000000000000000000000000000000000a0701'),
    token: devnet.usdc,
    withdrawDelay: 900,
    salt: padHex(`0x${salt.toString(16)}`, { size: 32 }),
  })

  const read = <const F extends string>(functionName: F, args: readonly unknown[] = []) =>
    devnet.publicClient.readContract({
      address: BATCH_SETTLEMENT_ADDRESS,
      abi: batchSettlementAbi,
      functionName: functionName as never,
      args: args as never,
    }) as Promise<unknown>

  test('both contracts sit at the addresses @x402/evm 2.27 uses, bound to them', async () => {
    expect(BATCH_SETTLEMENT_ADDRESS).toBe(SDK_BATCH_SETTLEMENT_ADDRESS)
    expect(ERC3009_DEPOSIT_COLLECTOR_ADDRESS).toBe(SDK_ERC3009_DEPOSIT_COLLECTOR_ADDRESS)
    for (const address of [BATCH_SETTLEMENT_ADDRESS, ERC3009_DEPOSIT_COLLECTOR_ADDRESS]) {
      const code = await devnet.publicClient.getCode({ address })
      expect(code?.length ?? 0, address).toBeGreaterThan(2)
    }
    // Not placed: there is no Permit2 on the devnet.
    expect(await devnet.publicClient.getCode({ address: PERMIT2_DEPOSIT_COLLECTOR_ADDRESS })).toBeUndefined()

    const [, name, version, chainId, verifyingContract] = (await read('eip712Domain')) as readonly unknown[]
    expect({ name, version, chainId, verifyingContract }).toEqual({
      name: BATCH_SETTLEMENT_DOMAIN.name,
      version: BATCH_SETTLEMENT_DOMAIN.version,
      chainId: BigInt(CHAIN_ID),
      verifyingContract: BATCH_SETTLEMENT_ADDRESS,
    })
    const served = await devnet.publicClient.readContract({
      address: ERC3009_DEPOSIT_COLLECTOR_ADDRESS,
      abi: erc3009DepositCollectorAbi,
      functionName: 'settlement',
    })
    expect(served).toBe(BATCH_SETTLEMENT_ADDRESS)
  })

  test('@x402/evm computeChannelId gives the contract’s channel id', async () => {
    const payer = devnet.accounts[2]!.address
    const samples = [sampleConfig(payer, payer, 1), sampleConfig(payer, zeroAddress, 2)]
    const ids = new Set<string>()
    for (const config of samples) {
      const fromSdk = computeChannelId(config, NETWORK)
      expect(await read('getChannelId', [config])).toBe(fromSdk)
      ids.add(fromSdk)
    }
    expect(ids.size).toBe(samples.length)
  })

  test('voucher, refund and claim-batch digests match the SDK’s EIP-712 types', async () => {
    const domain = {
      ...BATCH_SETTLEMENT_DOMAIN,
      chainId: CHAIN_ID,
      verifyingContract: BATCH_SETTLEMENT_ADDRESS,
    }
    const payer = devnet.accounts[2]!.address
    const config = sampleConfig(payer, payer, 3)
    const channelId = computeChannelId(config, NETWORK)

    expect(await read('getVoucherDigest', [channelId, 4_200n])).toBe(
      hashTypedData({
        domain,
        types: voucherTypes,
        primaryType: 'Voucher',
        message: { channelId, maxClaimableAmount: 4_200n },
      }),
    )
    expect(await read('getRefundDigest', [channelId, 7n, 1_500n])).toBe(
      hashTypedData({
        domain,
        types: refundTypes,
        primaryType: 'Refund',
        message: { channelId, nonce: 7n, amount: 1_500n },
      }),
    )
    const other = sampleConfig(payer, zeroAddress, 4)
    const rows = [
      {
        voucher: { channel: config, maxClaimableAmount: 4_200n },
        signature: '0x' as Hex,
        totalClaimed: 4_000n,
      },
      { voucher: { channel: other, maxClaimableAmount: 900n }, signature: '0x' as Hex, totalClaimed: 900n },
    ]
    expect(await read('getClaimBatchDigest', [rows])).toBe(
      hashTypedData({
        domain,
        types: claimBatchTypes,
        primaryType: 'ClaimBatch',
        message: {
          claims: rows.map((row) => ({
            channelId: computeChannelId(row.voucher.channel, NETWORK),
            maxClaimableAmount: row.voucher.maxClaimableAmount,
            totalClaimed: row.totalClaimed,
          })),
        },
      }),
    )
  })

  test('the @x402/evm 2.27 facilitator runs a channel on these contracts: deposit, voucher, claim, settle, refund', async () => {
    const payer = await devnet.fundedAccount({ usdc: 1_000_000n })
    const relayer = await devnet.fundedAccount({ usdc: 0n })
    const authorizer = privateKeyToAccount(generatePrivateKey())
    const receiver = privateKeyToAccount(generatePrivateKey()).address
    const client = devnet.walletClient(relayer).extend(publicActions)
    const facilitator = new BatchSettlementEvmScheme(
      // The SDK's signer type declares loosely typed readContract/writeContract; viem's are generic.
      toFacilitatorEvmSigner({ ...client, address: relayer.address } as unknown as Parameters<
        typeof toFacilitatorEvmSigner
      >[0]),
      authorizer,
    )
    const { requirements, config, channelId } = batchChannel(devnet, NETWORK, {
      payer: payer.address,
      receiver,
      receiverAuthorizer: authorizer.address,
      salt: 1,
    })
    const envelope = (payload: unknown): PaymentPayload => ({
      x402Version: 2,
      accepted: requirements,
      payload: payload as Record<string, unknown>,
    })
    const chain = async () => {
      const [balance, totalClaimed] = (await read('channels', [channelId])) as readonly [bigint, bigint]
      return { balance, totalClaimed, refundNonce: (await read('refundNonce', [channelId])) as bigint }
    }

    // Deposit 100_000 with a first voucher of 1_000 (the SDK client builds the payload).
    const deposit = await createBatchSettlementEIP3009DepositPayload(
      payer.account,
      2,
      requirements,
      config,
      '100000',
      '1000',
    )
    const depositVerify = await facilitator.verify(envelope(deposit.payload), requirements)
    expect(depositVerify).toMatchObject({
      isValid: true,
      extra: { channelId, balance: '0', refundNonce: '0' },
    })
    const depositSettle = await facilitator.settle(envelope(deposit.payload), requirements)
    expect(depositSettle).toMatchObject({ success: true, amount: '100000' })
    expect(await chain()).toEqual({ balance: 100_000n, totalClaimed: 0n, refundNonce: 0n })
    expect(await devnet.usdcBalance(BATCH_SETTLEMENT_ADDRESS)).toBe(100_000n)

    // A later voucher (cumulative 3_000) verifies against the on-chain channel.
    const voucher = await signVoucher(payer.account, channelId, '3000', NETWORK)
    const voucherVerify = await facilitator.verify(
      envelope({ type: 'voucher', channelConfig: config, voucher }),
      requirements,
    )
    expect(voucherVerify).toMatchObject({
      isValid: true,
      extra: { channelId, balance: '100000', totalClaimed: '0', withdrawRequestedAt: 0, refundNonce: '0' },
    })

    // Claim it (the facilitator signs the ClaimBatch as receiver authorizer), then settle.
    const claims = [
      {
        voucher: { channel: config, maxClaimableAmount: '3000' },
        signature: voucher.signature,
        totalClaimed: '3000',
      },
    ]
    const claimed = await facilitator.settle(envelope({ type: 'claim', claims }), requirements)
    // The spec's claim response has `amount: ""`; the SDK leaves `amount` out (no funds move either way).
    expect(claimed).toMatchObject({ success: true, transaction: expect.stringMatching(/^0x[0-9a-f]{64}$/) })
    expect(claimed.amount ?? '').toBe('')
    expect(await chain()).toEqual({ balance: 100_000n, totalClaimed: 3_000n, refundNonce: 0n })
    const settled = await facilitator.settle(
      envelope({ type: 'settle', receiver, token: devnet.usdc }),
      requirements,
    )
    expect(settled).toMatchObject({ success: true, amount: '3000' })
    expect(await devnet.usdcBalance(receiver)).toBe(3_000n)
    const nothing = await facilitator.settle(
      envelope({ type: 'settle', receiver, token: devnet.usdc }),
      requirements,
    )
    expect(nothing).toMatchObject({
      success: false,
      errorReason: 'invalid_batch_settlement_evm_nothing_to_settle',
    })

    // Refund 5_000 with a zero-charge voucher; the re-submitted claim row is a no-op on chain.
    const refund = await facilitator.settle(
      envelope({
        type: 'refund',
        channelConfig: config,
        voucher,
        amount: '5000',
        refundNonce: '0',
        claims,
      }),
      requirements,
    )
    expect(refund).toMatchObject({
      success: true,
      amount: '5000',
      extra: { channelState: { channelId, balance: '95000', totalClaimed: '3000', refundNonce: '1' } },
    })
    expect(await chain()).toEqual({ balance: 95_000n, totalClaimed: 3_000n, refundNonce: 1n })
    expect(await devnet.usdcBalance(payer.address)).toBe(1_000_000n - 100_000n + 5_000n)
    expect(await devnet.usdcBalance(BATCH_SETTLEMENT_ADDRESS)).toBe(95_000n - 3_000n)

    // The same refund again: its nonce is stale now, and the SDK's simulation catches the revert.
    const stale = await facilitator.settle(
      envelope({
        type: 'refund',
        channelConfig: config,
        voucher,
        amount: '5000',
        refundNonce: '0',
        claims: [],
      }),
      requirements,
    )
    expect(stale).toMatchObject({
      success: false,
      errorReason: 'invalid_batch_settlement_evm_refund_simulation_failed',
    })
    expect(await chain()).toEqual({ balance: 95_000n, totalClaimed: 3_000n, refundNonce: 1n })
  })
})
