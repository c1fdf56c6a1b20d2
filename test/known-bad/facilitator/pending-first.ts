/**
 * The built-in facilitator answering `settlement_pending` to the first settle of every exact
 * authorization, through its own per-payer `pending` fault (harness/facilitator/faults.ts): it
 * broadcasts, answers pending with the hash, and reconciles a repeated settle to that transaction.
 * The honest form is the reference for facilitator.settle.pending (which a facilitator that never goes
 * pending skips); the two known-bads built on it break FA-58 and FA-59.
 */
import type { Reply } from '../../../harness/facilitator/service.ts'
import type { ServiceWrapper } from '../../../suites/facilitator/builtin.ts'
import { authorizationOf, envelopeOf, ok, replyBody } from './defect.ts'

/** What happens to the answers of the first, pending settle (default: nothing, the honest form). */
export interface PendingFirstOptions {
  /** Changes the pending answer (a known-bad's defect). */
  rewritePending?: (body: Record<string, unknown>) => void
  /**
   * Settles the first call for real and only relabels its success as pending, so the facilitator keeps
   * no record of the broadcast and handles a repeat as a new settlement (a known-bad's defect).
   */
  relabelOnly?: boolean
}

/** Wraps the built-in facilitator so the first settle of each authorization answers settlement_pending. */
export function pendingFirst(options: PendingFirstOptions = {}): ServiceWrapper {
  return (service, facilitator) => {
    const seen = new Set<string>()
    return {
      async answer(request): Promise<Reply> {
        const envelope = request.path === '/settle' ? envelopeOf(request) : undefined
        const authorization = envelope ? authorizationOf(envelope) : undefined
        if (authorization === undefined) return service.answer(request)
        const from = String(authorization.from)
        const key = `${from.toLowerCase()}:${String(authorization.nonce)}`
        const first = !seen.has(key)
        seen.add(key)
        if (!first) return service.answer(request)
        if (!options.relabelOnly) facilitator.faults.add(from, 'settle', { kind: 'pending' }, { times: 1 })
        const reply = await service.answer(request)
        const body = replyBody(reply)
        if (body === undefined) return reply
        const changed = structuredClone(body)
        if (options.relabelOnly) {
          if (changed.success !== true) return reply
          changed.success = false
          changed.errorReason = 'settlement_pending'
        }
        options.rewritePending?.(changed)
        return ok(changed)
      },
    }
  }
}
