/**
 * Telling a contract's refusal from a broken RPC, and naming a refusal of `transferWithAuthorization`
 * by FiatToken's revert strings (which the devnet token keeps, see contracts/src/Usdc.sol).
 */
import { BaseError, HttpRequestError, TimeoutError, WebSocketRequestError } from 'viem'
import { Reason, type ReasonCode } from './reasons.ts'

/** True when the error came from the transport (connection refused, timeout), not from the EVM. */
export function isTransportFailure(error: unknown): boolean {
  if (!(error instanceof BaseError)) return true // not viem's: something unexpected, never a revert
  const transport = error.walk(
    (cause) =>
      cause instanceof HttpRequestError ||
      cause instanceof TimeoutError ||
      cause instanceof WebSocketRequestError,
  )
  return transport !== null
}

const REVERTS: ReadonlyArray<[RegExp, ReasonCode]> = [
  [/authorization is not yet valid/i, Reason.validAfter],
  [/authorization is expired/i, Reason.validBefore],
  [/authorization is used or canceled/i, Reason.nonceUsed],
  [/invalid signature/i, Reason.signature],
  [/transfer amount exceeds balance/i, Reason.funds],
]

/** The reason for a reverted `transferWithAuthorization`: its revert string's meaning, else invalid_transaction_state. */
export function revertReason(error: unknown): ReasonCode {
  const text = error instanceof Error ? error.message : String(error)
  for (const [pattern, reason] of REVERTS) if (pattern.test(text)) return reason
  return Reason.transaction
}

/** The chain's answer to a failed send, in one short line (viem puts its details after a blank line). */
export function sendErrorLine(error: unknown): string {
  const text = error instanceof BaseError ? error.details || error.shortMessage : String(error)
  return (text.split('\n')[0] ?? '').trim().slice(0, 200)
}
