/**
 * `batch-settlement` /settle: deposit (sends `deposit`), voucher (nothing on chain: the commitment is
 * stored, `transaction: ""`), refund (`refundWithSignature`, after an optional claim in one multicall),
 * and the server-side `claim` (`claimWithSignature` over many channels) and `settle` (one transfer of
 * everything claimed). The facilitator's signer is the receiver authorizer: it signs the ClaimBatch and
 * Refund digests. Work on one channel is serialised; sends from the signer are serialised.
 */
import { encodeFunctionData, type Hash, type Hex, parseEventLogs } from 'viem'
import { batchSettlementAbi } from '../../../contracts/artifacts/index.ts'
import { BATCH_SETTLEMENT_ADDRESS } from '../../devnet/batch.ts'
import { KeyedQueue } from '../../model/keyed-queue.ts'
import {
  claimBatchTypedData,
  claimWithSignatureCalldata,
  depositCalldata,
} from '../../schemes/batch-settlement-evm/calldata.ts'
import {
  batchDomain,
  type ChannelState,
  channelIdOf,
  readChannelState,
  refundTypes,
  same,
  snapshotOf,
} from '../../schemes/batch-settlement-evm/channel.ts'
import type { BatchPayload, ClaimRow } from '../../schemes/batch-settlement-evm/payload.ts'
import { BatchReason, type BatchReasonCode } from '../../schemes/batch-settlement-evm/reasons.ts'
import type { FacilitatorContext } from '../config.ts'
import { receiptOf } from '../receipt.ts'
import { sendErrorLine } from '../revert.ts'
import type { BatchRequirements } from './payload.ts'
import type { BatchFacilitatorSteps, ClaimTools } from './steps.ts'
import { verifyBatch } from './verify.ts'
import { voucherSigned } from './voucher-signature.ts'

/** A /settle answer of the batch scheme (a SettlementResponse with `amount` and `extra`). */
export type BatchSettleAnswer = {
  success: boolean
  transaction: string
  network: string
  payer?: string
  errorReason?: string
  /** The node's words when a send failed (as the exact scheme and the @x402 facilitators add them). */
  errorMessage?: string
  amount?: string
  asset?: string
  extra?: Record<string, unknown>
}

/** Creates the batch settle function of one facilitator. */
export function createBatchSettle(context: FacilitatorContext, steps: BatchFacilitatorSteps) {
  const perChannel = new KeyedQueue()
  const chainId = context.preset.chainId

  const send = (data: Hex, gas?: bigint): Promise<Hash> =>
    context.sends.run(context.signer, () =>
      context.walletClient.sendTransaction({ to: BATCH_SETTLEMENT_ADDRESS, data, ...(gas ? { gas } : {}) }),
    )
  const simulate = async (data: Hex): Promise<boolean> => {
    try {
      await context.publicClient.call({ account: context.signer, to: BATCH_SETTLEMENT_ADDRESS, data })
      return true
    } catch {
      return false
    }
  }

  async function settle(requirements: BatchRequirements, payload: BatchPayload): Promise<BatchSettleAnswer> {
    const network = requirements.network
    const fail = (
      reason: BatchReasonCode,
      payer?: string,
      extra?: Record<string, unknown>,
      message?: string,
    ): BatchSettleAnswer => ({
      success: false,
      errorReason: reason,
      ...(message === undefined ? {} : { errorMessage: message }),
      transaction: '',
      network,
      ...(payer ? { payer } : {}),
      ...(extra ? { extra } : {}),
    })
    const stateExtra = (channelId: Hex, state: ChannelState | undefined) =>
      state ? { channelState: snapshotOf(channelId, state) } : undefined

    switch (payload.type) {
      case 'voucher':
      case 'deposit':
      case 'refund': {
        const payer = payload.channelConfig.payer
        return perChannel.run(payload.voucher.channelId, async () => {
          const verdict = await verifyBatch(context, requirements, payload, steps)
          if (!verdict.isValid)
            return fail(verdict.reason, payer, stateExtra(verdict.channelId, verdict.state))
          const channelId = verdict.channelId
          if (payload.type === 'voucher') {
            // The commitment is stored (by the server); nothing moves now.
            return {
              success: true,
              transaction: '',
              network,
              payer,
              amount: '',
              extra: {
                chargedAmount: requirements.amount.toString(),
                ...stateExtra(channelId, verdict.state),
              },
            }
          }
          if (payload.type === 'deposit') {
            let hash: Hash
            try {
              hash = await send(
                depositCalldata(payload.channelConfig, payload.deposit.amount, payload.deposit.authorization),
                300_000n,
              )
            } catch (error) {
              return fail(
                BatchReason.depositTransaction,
                payer,
                stateExtra(channelId, verdict.state),
                sendErrorLine(error),
              )
            }
            const receipt = await receiptOf(context, hash)
            if (receipt.status !== 'success') return fail(BatchReason.depositTransaction, payer)
            const after = await readChannelState(context.publicClient, channelId)
            return {
              success: true,
              transaction: hash,
              network,
              payer,
              amount: payload.deposit.amount.toString(),
              asset: requirements.asset,
              extra: stateExtra(channelId, after),
            }
          }
          return refund(requirements, payload, channelId, verdict.state)
        })
      }
      case 'claim':
        return claim(requirements, payload.claims, payload.claimAuthorizerSignature)
      case 'settle':
        return sweep(requirements, payload.receiver, payload.token)
    }
  }

  async function refund(
    requirements: BatchRequirements,
    payload: Extract<BatchPayload, { type: 'refund' }>,
    channelId: Hex,
    before: ChannelState,
  ): Promise<BatchSettleAnswer> {
    const network = requirements.network
    const payer = payload.channelConfig.payer
    const fail = (reason: BatchReasonCode, message?: string): BatchSettleAnswer => ({
      success: false,
      errorReason: reason,
      ...(message === undefined ? {} : { errorMessage: message }),
      transaction: '',
      network,
      payer,
      extra: { channelState: snapshotOf(channelId, before) },
    })
    if (!same(payload.channelConfig.receiverAuthorizer, context.signer))
      return fail(BatchReason.authorizerMismatch)
    const claimedAfter = payload.claims.reduce(
      (max, row) =>
        channelIdOf(row.channel, chainId) === channelId && row.totalClaimed > max ? row.totalClaimed : max,
      before.totalClaimed,
    )
    const unclaimed = before.balance > claimedAfter ? before.balance - claimedAfter : 0n
    const requested = payload.amount ?? unclaimed
    if (requested === 0n) return fail(BatchReason.refundAmountInvalid)
    if (unclaimed === 0n) return fail(BatchReason.refundNoBalance)
    // Verified just before: a nonce the payload names is the on-chain one unless it changed since.
    const nonce =
      steps.refundNonce(payload.refundNonce, before.refundNonce) ?? payload.refundNonce ?? before.refundNonce
    const signature = await context.walletClient.signTypedData({
      domain: batchDomain(chainId),
      types: refundTypes,
      primaryType: 'Refund',
      message: { channelId, nonce, amount: requested },
    })
    const refundCall = encodeFunctionData({
      abi: batchSettlementAbi,
      functionName: 'refundWithSignature',
      args: [payload.channelConfig, requested, nonce, signature],
    })
    const calls = payload.claims.length > 0 ? [await claimCalldata(payload.claims), refundCall] : [refundCall]
    const data =
      calls.length === 1
        ? refundCall
        : encodeFunctionData({ abi: batchSettlementAbi, functionName: 'multicall', args: [calls] })
    if (!(await simulate(data))) return fail(BatchReason.refundSimulation)
    let hash: Hash
    try {
      hash = await send(data)
    } catch (error) {
      return fail(BatchReason.refundTransaction, sendErrorLine(error))
    }
    const receipt = await receiptOf(context, hash)
    if (receipt.status !== 'success') return fail(BatchReason.refundTransaction)
    const after = await readChannelState(context.publicClient, channelId)
    const paid = before.balance - after.balance
    return {
      success: true,
      transaction: hash,
      network,
      payer,
      amount: steps.refundedAmount(requested, paid).toString(),
      extra: { channelState: snapshotOf(channelId, after) },
    }
  }

  async function claimCalldata(rows: ClaimRow[], given?: Hex): Promise<Hex> {
    const signature = given ?? (await context.walletClient.signTypedData(claimBatchTypedData(rows, chainId)))
    return claimWithSignatureCalldata(rows, signature)
  }

  /** Claims many channels in one transaction; all or nothing (one invalid row refuses the batch). */
  async function claim(
    requirements: BatchRequirements,
    rows: ClaimRow[],
    given: Hex | undefined,
  ): Promise<BatchSettleAnswer> {
    const network = requirements.network
    const ids = rows.map((row) => channelIdOf(row.channel, chainId))
    const states = async () =>
      Object.fromEntries(
        await Promise.all(
          [...new Set(ids)].map(
            async (id) => [id, snapshotOf(id, await readChannelState(context.publicClient, id))] as const,
          ),
        ),
      )
    const fail = async (reason: BatchReasonCode, message?: string): Promise<BatchSettleAnswer> => {
      const channelStates = await states()
      return {
        success: false,
        errorReason: reason,
        ...(message === undefined ? {} : { errorMessage: message }),
        transaction: '',
        network,
        amount: '',
        extra: { channelState: channelStates[ids[0]!], channelStates },
      }
    }
    if (!given && rows.some((row) => !same(row.channel.receiverAuthorizer, context.signer)))
      return fail(BatchReason.authorizerMismatch)
    const data = await claimCalldata(rows, given)
    const tools: ClaimTools = {
      context,
      send,
      simulate,
      mined: (hash) => receiptOf(context, hash),
      voucherSigned: (config, voucher) => voucherSigned(context, config, voucher),
      readState: (id) => readChannelState(context.publicClient, id),
    }
    const sent = await steps.submitClaim(tools, rows, ids, data)
    if (!sent.ok) return fail(sent.reason, sent.message)
    const hash = sent.hash
    const channelStates = await states()
    return {
      success: true,
      transaction: hash,
      network,
      amount: '',
      extra: { channelState: channelStates[ids[0]!], channelStates },
    }
  }

  /** Transfers everything claimed for (receiver, token) in one transfer. */
  async function sweep(
    requirements: BatchRequirements,
    receiver: `0x${string}`,
    token: `0x${string}`,
  ): Promise<BatchSettleAnswer> {
    const network = requirements.network
    const [totalClaimed, totalSettled] = (await context.publicClient.readContract({
      address: BATCH_SETTLEMENT_ADDRESS,
      abi: batchSettlementAbi,
      functionName: 'receivers',
      args: [receiver, token],
    })) as readonly [bigint, bigint]
    if (totalClaimed <= totalSettled)
      return {
        success: false,
        errorReason: BatchReason.nothingToSettle,
        transaction: '',
        network,
        amount: '0',
      }
    const data = encodeFunctionData({
      abi: batchSettlementAbi,
      functionName: 'settle',
      args: [receiver, token],
    })
    if (!(await simulate(data)))
      return {
        success: false,
        errorReason: BatchReason.settleSimulation,
        transaction: '',
        network,
        amount: '0',
      }
    let hash: Hash
    try {
      hash = await send(data, 120_000n)
    } catch (error) {
      return {
        success: false,
        errorReason: BatchReason.settleTransaction,
        errorMessage: sendErrorLine(error),
        transaction: '',
        network,
        amount: '0',
      }
    }
    const receipt = await receiptOf(context, hash)
    if (receipt.status !== 'success')
      return {
        success: false,
        errorReason: BatchReason.settleTransaction,
        transaction: '',
        network,
        amount: '0',
      }
    const settled = parseEventLogs({
      abi: batchSettlementAbi,
      eventName: 'Settled',
      logs: receipt.logs,
    }).find((log) => same(log.args.receiver, receiver) && same(log.args.token, token))
    return { success: true, transaction: hash, network, amount: (settled?.args.amount ?? 0n).toString() }
  }

  return settle
}
