/**
 * Telling a facilitator's own transaction trouble from a decision about the payment. Two settles that
 * race on its signer's transaction nonce fail with the node's words (`nonce too low`, `replacement
 * transaction underpriced`, `already known`…) in the answer. That is a concurrency failure of the
 * target, judged once by `facilitator.settle.concurrent-payers`; any other case that meets it ends in
 * `error` (never as a refusal the spec allows, never as a failure of its own requirement).
 */
import { TargetUnavailable } from '../../harness/model/verdict.ts'
import { type FacilitatorAnswer, isRecord } from './api.ts'

/** The case that judges concurrent settles of different payers. */
export const CONCURRENT_PAYERS_CASE = 'facilitator.settle.concurrent-payers'

/** What nodes and wallets answer when two transactions of one sender take the same nonce. */
const NONCE_CONFLICT =
  /nonce too low|nonce too high|nonce has already been used|nonce is too low|replacement transaction underpriced|replacement fee too low|transaction underpriced|already known|known transaction|nonce_expired|replacement_underpriced|invalid nonce/i

/** The node's words in a settle answer that show its signer's transactions collided, if any. */
export function signerNonceConflict(answer: Pick<FacilitatorAnswer<unknown>, 'http'>): string | undefined {
  return NONCE_CONFLICT.exec(answer.http.body)?.[0]
}

/**
 * Ends the case in `error` when a failed settle answer shows a nonce collision of the facilitator's signer:
 * the answer says nothing about the payment this case sent.
 */
export function expectNoSignerRace(answer: Pick<FacilitatorAnswer<unknown>, 'http' | 'json'>): void {
  // A settled answer says nothing about a collision, whatever words it carries.
  if (isRecord(answer.json) && answer.json.success === true) return
  const conflict = signerNonceConflict(answer)
  if (conflict === undefined) return
  throw new TargetUnavailable(
    `the facilitator's settle failed on its own signer's transaction ("${conflict}"): a concurrency failure of the target, judged by ${CONCURRENT_PAYERS_CASE}, not an answer about this payment`,
  )
}
