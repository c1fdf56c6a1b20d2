/**
 * What verification needs from the chain, read in two concurrent requests: `eth_getCode(from)` and one
 * Multicall3 `aggregate3` eth_call holding authorizationState, balanceOf, the block timestamp, ecrecover
 * and ERC-1271 answers for the signature, and (when asked) the simulated `transferWithAuthorization`. The simulation comes last
 * in the batch, so the reads see the state before it. Needs Multicall3 at its canonical address (the
 * devnet puts it there; the reference facilitator needs it too).
 */
import {
  type Address,
  decodeErrorResult,
  decodeFunctionResult,
  encodeFunctionData,
  type Hex,
  parseAbi,
} from 'viem'
import { MULTICALL3_ADDRESS } from '../devnet/presets.ts'
import { ERC1271_MAGIC_VALUE, eip3009Abi, erc1271Abi } from './abi.ts'
import type { FacilitatorContext } from './config.ts'
import type { ExactAuthorization } from './payment.ts'
import { Reason, type ReasonCode } from './reasons.ts'
import { revertReason } from './revert.ts'
import { ECRECOVER_ADDRESS, ecrecoverInput, ecrecoverOutput } from './signature.ts'

const multicall3Abi = parseAbi([
  'struct Call3 { address target; bool allowFailure; bytes callData; }',
  'struct Result { bool success; bytes returnData; }',
  'function aggregate3(Call3[] calls) payable returns (Result[] returnData)',
  'function getCurrentBlockTimestamp() view returns (uint256 timestamp)',
])

/** The chain's view of one authorization. */
export interface ChainState {
  /** `from` has code: a smart wallet (or an EIP-7702 account), checked by ERC-1271. */
  payerHasCode: boolean
  /** block.timestamp of the block the reads ran against. */
  blockTimestamp: bigint
  /** authorizationState(from, nonce): used or canceled. */
  nonceUsed: boolean
  balance: bigint
  /** The wallet at `from` answered ERC-1271's magic value for (digest, signature). */
  erc1271Valid: boolean
  /** The signer ecrecover found for (digest, signature); undefined when none (or not a canonical signature). */
  ecrecovered?: Address
  /** The simulated transfer: undefined when it succeeded or was not asked for, else its reason. */
  simulationFailure?: ReasonCode
}

/** What to read: the authorization, its EIP-712 digest and signature, and optionally calldata to simulate. */
export interface ChainQuery {
  /** The EIP-3009 token the authorization is for. */
  token: Address
  authorization: ExactAuthorization
  digest: Hex
  signature: Hex
  simulate?: Hex
}

/** Reads the chain state of one authorization (two requests in parallel). Throws when the RPC fails. */
export async function readChainState(context: FacilitatorContext, query: ChainQuery): Promise<ChainState> {
  const { from, nonce } = query.authorization
  const call = (target: Address, callData: Hex) => ({ target, allowFailure: true, callData })
  const ecrecover = ecrecoverInput(query.digest, query.signature)
  const calls = [
    call(
      query.token,
      encodeFunctionData({ abi: eip3009Abi, functionName: 'authorizationState', args: [from, nonce] }),
    ),
    call(query.token, encodeFunctionData({ abi: eip3009Abi, functionName: 'balanceOf', args: [from] })),
    call(
      MULTICALL3_ADDRESS,
      encodeFunctionData({ abi: multicall3Abi, functionName: 'getCurrentBlockTimestamp' }),
    ),
    call(
      from,
      encodeFunctionData({
        abi: erc1271Abi,
        functionName: 'isValidSignature',
        args: [query.digest, query.signature],
      }),
    ),
    ...(ecrecover === undefined ? [] : [call(ECRECOVER_ADDRESS, ecrecover)]),
    ...(query.simulate === undefined ? [] : [call(query.token, query.simulate)]),
  ]
  const [code, answer] = await Promise.all([
    context.publicClient.getCode({ address: from }),
    // From the settlement signer, like the real transaction (the token does not look at msg.sender).
    context.publicClient.call({
      account: context.signer,
      to: MULTICALL3_ADDRESS,
      data: encodeFunctionData({ abi: multicall3Abi, functionName: 'aggregate3', args: [calls] }),
    }),
  ])
  if (answer.data === undefined) throw new Error(`no Multicall3 at ${MULTICALL3_ADDRESS}`)
  const results = decodeFunctionResult({ abi: multicall3Abi, functionName: 'aggregate3', data: answer.data })
  const [used, balance, timestamp, erc1271] = results
  const recovered = ecrecover === undefined ? undefined : results[4]
  const transfer = query.simulate === undefined ? undefined : results[results.length - 1]
  if (!used?.success || !balance?.success || !timestamp?.success) {
    throw new Error('the token did not answer authorizationState/balanceOf: is it an EIP-3009 token?')
  }
  const ecrecovered = recovered?.success ? ecrecoverOutput(recovered.returnData) : undefined
  return {
    payerHasCode: code !== undefined && code !== '0x',
    nonceUsed: decodeFunctionResult({
      abi: eip3009Abi,
      functionName: 'authorizationState',
      data: used.returnData,
    }),
    balance: decodeFunctionResult({ abi: eip3009Abi, functionName: 'balanceOf', data: balance.returnData }),
    blockTimestamp: decodeFunctionResult({
      abi: multicall3Abi,
      functionName: 'getCurrentBlockTimestamp',
      data: timestamp.returnData,
    }),
    erc1271Valid: erc1271 !== undefined && isMagicValue(erc1271),
    ...(ecrecovered === undefined ? {} : { ecrecovered }),
    ...(transfer === undefined || transfer.success
      ? {}
      : { simulationFailure: failureReason(transfer.returnData) }),
  }
}

/** Whether an ERC-1271 call returned the magic value (an account without code returns nothing). */
function isMagicValue(result: { success: boolean; returnData: Hex }): boolean {
  return (
    result.success &&
    result.returnData.length >= 10 &&
    result.returnData.slice(0, 10).toLowerCase() === ERC1271_MAGIC_VALUE
  )
}

/** The reason for a reverted simulation, from its `Error(string)` revert data when it has one. */
function failureReason(revertData: Hex): ReasonCode {
  try {
    const decoded = decodeErrorResult({ data: revertData })
    return revertReason(String(decoded.args?.[0] ?? ''))
  } catch {
    return Reason.transaction
  }
}
