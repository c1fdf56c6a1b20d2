/**
 * `batch-settlement` verification of deposit, voucher and refund payloads: the spec's rules 1-11
 * (scheme_batch_settlement_evm.md "Verification Rules"; x402-digest §4.3), in this order, the first
 * failure being the answer:
 *
 *  1. channel id        EIP-712 hash of channelConfig == voucher.channelId     → …_channel_id_mismatch
 *  2. token             channelConfig.token == requirements.asset              → …_token_mismatch
 *  3. receiver          channelConfig.receiver == payTo                        → …_receiver_mismatch
 *  4. receiverAuthorizer == extra.receiverAuthorizer (required, non-zero)     → …_receiver_authorizer_mismatch
 *  5. withdrawDelay     == extra.withdrawDelay, within 15 min–30 days          → …_withdraw_delay_mismatch / _out_of_range
 *  6. voucher signature ECDSA by payerAuthorizer, else payer (ERC-1271 too)    → …_voucher_signature
 *  8. deposit           ReceiveWithAuthorization signature, window, balance    → …_receive_authorization_signature, …_insufficient_balance
 *  7. channel funded    balance > 0 (vouchers and refunds)                     → …_channel_not_found
 *  9. ceiling           maxClaimableAmount <= balance (+ deposit)              → …_cumulative_exceeds_balance
 * 10. above claimed     maxClaimableAmount > totalClaimed (>= for a refund)    → …_cumulative_below_claimed
 * 11. refund nonce      refundNonce == on-chain refundNonce (when given)       → …_refund_payload
 * and a deposit is simulated (`deposit` eth_call from the signer)             → …_deposit_simulation_failed
 */
import { type Hex, zeroAddress } from 'viem'
import { BATCH_SETTLEMENT_ADDRESS } from '../../devnet/batch.ts'
import { depositCalldata } from '../../schemes/batch-settlement-evm/calldata.ts'
import {
  type ChannelConfig,
  type ChannelState,
  channelIdOf,
  MAX_WITHDRAW_DELAY,
  MIN_WITHDRAW_DELAY,
  readChannelState,
  same,
} from '../../schemes/batch-settlement-evm/channel.ts'
import { depositTypedData } from '../../schemes/batch-settlement-evm/deposit.ts'
import type { BatchPayload } from '../../schemes/batch-settlement-evm/payload.ts'
import { BatchReason, type BatchReasonCode } from '../../schemes/batch-settlement-evm/reasons.ts'
import { receiveWithAuthorizationTypes } from '../../schemes/exact-evm/eip3009.ts'
import { eip3009Abi } from '../abi.ts'
import type { FacilitatorContext } from '../config.ts'
import type { BatchRequirements } from './payload.ts'
import type { BatchFacilitatorSteps } from './steps.ts'

/** A payload /verify accepts. */
export type VerifiablePayload = Extract<BatchPayload, { type: 'voucher' | 'deposit' | 'refund' }>

/** The outcome of verification; `state` is the channel before the payload (absent when never read). */
export type BatchVerdict =
  | { isValid: true; channelId: Hex; state: ChannelState }
  | { isValid: false; reason: BatchReasonCode; channelId: Hex; state?: ChannelState }

/** Rules 1-5: the channel config against the requirements. */
export function checkConfig(
  context: FacilitatorContext,
  config: ChannelConfig,
  channelId: Hex,
  requirements: BatchRequirements,
): BatchReasonCode | undefined {
  if (channelIdOf(config, context.preset.chainId).toLowerCase() !== channelId.toLowerCase())
    return BatchReason.channelIdMismatch
  if (!same(config.token, requirements.asset)) return BatchReason.tokenMismatch
  if (!same(config.receiver, requirements.payTo)) return BatchReason.receiverMismatch
  const authorizer = requirements.receiverAuthorizer
  if (!authorizer || authorizer === zeroAddress || !same(config.receiverAuthorizer, authorizer))
    return BatchReason.receiverAuthorizerMismatch
  if (requirements.withdrawDelay !== undefined && config.withdrawDelay !== requirements.withdrawDelay)
    return BatchReason.withdrawDelayMismatch
  if (config.withdrawDelay < MIN_WITHDRAW_DELAY || config.withdrawDelay > MAX_WITHDRAW_DELAY)
    return BatchReason.withdrawDelayOutOfRange
  return undefined
}

/** Runs the rules above on a deposit, voucher or refund payload. Throws when the chain cannot be read. */
export async function verifyBatch(
  context: FacilitatorContext,
  requirements: BatchRequirements,
  payload: VerifiablePayload,
  steps: BatchFacilitatorSteps,
): Promise<BatchVerdict> {
  const { channelConfig: config, voucher } = payload
  const channelId = voucher.channelId
  const invalid = (reason: BatchReasonCode, state?: ChannelState): BatchVerdict => ({
    isValid: false,
    reason,
    channelId,
    ...(state ? { state } : {}),
  })

  const configError = checkConfig(context, config, channelId, requirements)
  if (configError) return invalid(configError)
  const state = await readChannelState(context.publicClient, channelId)
  if (!(await steps.voucherSignature(context, config, voucher)))
    return invalid(BatchReason.voucherSignature, state)

  let ceiling = state.balance
  if (payload.type === 'deposit') {
    const reason = await checkDeposit(context, requirements, payload)
    if (reason) return invalid(reason, state)
    ceiling += payload.deposit.amount
  } else if (state.balance === 0n) {
    return invalid(BatchReason.channelNotFound, state)
  }
  if (!steps.withinBalance(voucher.maxClaimableAmount, ceiling))
    return invalid(BatchReason.cumulativeExceedsBalance, state)
  if (!steps.aboveClaimed(payload.type, voucher.maxClaimableAmount, state.totalClaimed))
    return invalid(BatchReason.cumulativeBelowClaimed, state)
  if (payload.type === 'refund') {
    if (steps.refundNonce(payload.refundNonce, state.refundNonce) === undefined)
      return invalid(BatchReason.refundPayload, state)
    if (payload.amount === 0n) return invalid(BatchReason.refundAmountInvalid, state)
  }
  return { isValid: true, channelId, state }
}

/** Rule 8 and the deposit's own checks: domain, window, ReceiveWithAuthorization signature, balance, simulation. */
async function checkDeposit(
  context: FacilitatorContext,
  requirements: BatchRequirements,
  payload: Extract<BatchPayload, { type: 'deposit' }>,
): Promise<BatchReasonCode | undefined> {
  if (!requirements.name || !requirements.version) return BatchReason.missingEip712Domain
  const { validAfter, validBefore, salt, signature } = payload.deposit.authorization
  const now = BigInt(Math.floor(Date.now() / 1000))
  const block = (await context.publicClient.getBlock()).timestamp
  const clock = block > now ? block : now
  if (validBefore < clock + BigInt(context.validBeforeBufferSeconds)) return BatchReason.validBefore
  if (validAfter > clock) return BatchReason.validAfter
  const payer = payload.channelConfig.payer
  let signed = false
  try {
    const typed = depositTypedData(payload.channelConfig, payload.voucher.channelId, {
      name: requirements.name,
      version: requirements.version,
      chainId: context.preset.chainId,
      asset: requirements.asset,
      amount: payload.deposit.amount,
      validAfter,
      validBefore,
      salt,
    })
    signed = await context.publicClient.verifyTypedData({
      address: payer,
      domain: typed.domain,
      types: receiveWithAuthorizationTypes,
      primaryType: 'ReceiveWithAuthorization',
      message: { ...typed.message },
      signature,
    })
  } catch {
    signed = false
  }
  if (!signed) return BatchReason.receiveAuthorizationSignature
  const balance = await context.publicClient.readContract({
    address: requirements.asset,
    abi: eip3009Abi,
    functionName: 'balanceOf',
    args: [payer],
  })
  if (balance < payload.deposit.amount) return BatchReason.insufficientBalance
  try {
    await context.publicClient.call({
      account: context.signer,
      to: BATCH_SETTLEMENT_ADDRESS,
      data: depositCalldata(payload.channelConfig, payload.deposit.amount, payload.deposit.authorization),
    })
  } catch {
    return BatchReason.depositSimulation
  }
  return undefined
}
