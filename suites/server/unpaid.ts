/**
 * The payment cases a run could not play, for the verdict line: money cases are never skipped
 * silently. Counts skips for want of a payable offer (suites/server/offer.ts) or of the chain.
 */
import type { CaseResult } from '../../harness/model/result.ts'
import { NO_PAYABLE_OFFER } from './offer.ts'

/** Whether a result is a payment case that could not run because nothing could be paid. */
function unpaid(result: Pick<CaseResult, 'outcome' | 'message'>): boolean {
  const message = result.message ?? ''
  return (
    result.outcome === 'skip' &&
    (message.includes(NO_PAYABLE_OFFER) || message.startsWith('the target does not offer: chain'))
  )
}

/**
 * `; N payment cases could not run: <reason>` (the most frequent reason, and how many others), or ''
 * when every payment case ran.
 */
export function unpaidNote(results: readonly Pick<CaseResult, 'outcome' | 'message'>[]): string {
  const skipped = results.filter(unpaid)
  if (skipped.length === 0) return ''
  const reasons = new Map<string, number>()
  for (const result of skipped) reasons.set(result.message!, (reasons.get(result.message!) ?? 0) + 1)
  const [top] = [...reasons.entries()].sort((a, b) => b[1] - a[1])
  const others = reasons.size - 1
  const count = skipped.length === 1 ? '1 payment case' : `${skipped.length} payment cases`
  return `; ${count} could not run: ${top![0]}${others > 0 ? ` (and ${others} other reason${others === 1 ? '' : 's'})` : ''}`
}
