/**
 * Per-payer faults: the built-in facilitator misbehaves on purpose for one payer account, so a
 * resource server's failure paths can be tested without touching its code (DESIGN.md "The oracle").
 */

/** What the facilitator does instead of (or before) answering honestly. */
export type Fault =
  /** verify: `isValid: false` with `reason`; settle: `success: false`, `errorReason: reason`, nothing sent. */
  | { kind: 'reject'; reason: string }
  /** settle only: claims `success: true` with `transaction: ""` and sends nothing (a lying facilitator). */
  | { kind: 'no-transaction' }
  /**
   * settle only: broadcasts the payment for real, then answers the non-terminal `settlement_pending`
   * (success false, the broadcast hash, network) as if its receipt could not be read (core §9). A later
   * settle of the same payload reconciles to that transaction and never broadcasts again.
   */
  | { kind: 'pending' }
  /** Waits `ms` before answering; combines with the other faults. */
  | { kind: 'delay'; ms: number }
  /**
   * Adds the EXTENSION-RESPONSES sidechannel (v2 core §7.2.1 after the pin) to the honest answer:
   * base64 JSON of `value`, keyed by extension name. Combines with the other faults, like a delay.
   */
  | { kind: 'extension-responses'; value: Record<string, unknown> }
  /** HTTP 200 with a body that is not JSON (`non-json`, default) or JSON of the wrong shape. */
  | { kind: 'garbage'; body?: 'non-json' | 'wrong-shape' }
  /** HTTP 500 with `{"error": …}`. */
  | { kind: 'http-500' }
  /** Closes the connection without an answer. */
  | { kind: 'drop' }
  /**
   * Answers HTTP `status` (default 200) with exactly `body` as JSON and does nothing else: a reply of
   * any shape (settle `success: false` naming a transaction, no `success`, `success: 1`).
   */
  | { kind: 'answer'; body: unknown; status?: number }

/** Which endpoint a fault applies to. */
export type FaultEndpoint = 'verify' | 'settle' | 'both'

/** A fault for one payer. */
export interface FaultRule {
  endpoint: FaultEndpoint
  fault: Fault
  /** Applies to this many matching calls, then is removed. Default: until cleared. */
  times?: number
}

/** The faults that apply to one call: the total delay, then at most one answer-changing fault. */
export interface FaultPlan {
  delayMs: number
  answer?: Exclude<Fault, { kind: 'delay' } | { kind: 'extension-responses' }>
  /** The EXTENSION-RESPONSES object to add to the answer, when one applies. */
  extensionResponses?: Record<string, unknown>
  /** Short descriptions for the log, e.g. `delay 500ms`, `reject insufficient_funds`. */
  applied: string[]
}

/** The table of faults, keyed by payer address (case-insensitive). */
export class FaultTable {
  private readonly rules = new Map<string, FaultRule[]>()

  /** Adds a fault for `payer` on `endpoint`. */
  add(payer: string, endpoint: FaultEndpoint, fault: Fault, options: { times?: number } = {}): void {
    const key = payer.toLowerCase()
    const list = this.rules.get(key) ?? []
    list.push({ endpoint, fault, ...(options.times === undefined ? {} : { times: options.times }) })
    this.rules.set(key, list)
  }

  /** Replaces every fault of `payer`. */
  set(payer: string, rules: readonly FaultRule[]): void {
    this.rules.set(
      payer.toLowerCase(),
      rules.map((rule) => ({ ...rule })),
    )
  }

  /** Removes the faults of `payer`, or of every payer when none is given. */
  clear(payer?: string): void {
    if (payer === undefined) this.rules.clear()
    else this.rules.delete(payer.toLowerCase())
  }

  /** The faults currently set for `payer`. */
  list(payer: string): readonly FaultRule[] {
    return this.rules.get(payer.toLowerCase()) ?? []
  }

  /**
   * The plan for one call of `payer` to `endpoint`, consuming one use of each rule applied. Every
   * matching delay applies; of the answer-changing faults only the first (in insertion order) does.
   * `no-transaction` and `pending` apply to settle only.
   */
  take(payer: string | undefined, endpoint: 'verify' | 'settle'): FaultPlan {
    const plan: FaultPlan = { delayMs: 0, applied: [] }
    if (payer === undefined) return plan
    const key = payer.toLowerCase()
    const list = this.rules.get(key)
    if (!list) return plan
    const used: FaultRule[] = []
    for (const rule of list) {
      if (rule.endpoint !== 'both' && rule.endpoint !== endpoint) continue
      const fault = rule.fault
      if (fault.kind === 'delay') {
        plan.delayMs += fault.ms
      } else if (fault.kind === 'extension-responses') {
        plan.extensionResponses = { ...plan.extensionResponses, ...fault.value }
      } else if (plan.answer === undefined && !(SETTLE_ONLY.has(fault.kind) && endpoint !== 'settle')) {
        plan.answer = fault
      } else {
        continue
      }
      plan.applied.push(describe(fault))
      used.push(rule)
    }
    for (const rule of used) if (rule.times !== undefined) rule.times -= 1
    const remaining = list.filter((rule) => rule.times === undefined || rule.times > 0)
    if (remaining.length === 0) this.rules.delete(key)
    else this.rules.set(key, remaining)
    return plan
  }
}

/** Faults that change only a settle; a verify of the same payer is answered honestly. */
const SETTLE_ONLY: ReadonlySet<Fault['kind']> = new Set(['no-transaction', 'pending'])

function describe(fault: Fault): string {
  switch (fault.kind) {
    case 'reject':
      return `reject ${fault.reason}`
    case 'delay':
      return `delay ${fault.ms}ms`
    case 'extension-responses':
      return `EXTENSION-RESPONSES ${JSON.stringify(fault.value)}`
    case 'garbage':
      return `garbage ${fault.body ?? 'non-json'}`
    case 'answer':
      return `answer HTTP ${fault.status ?? 200} ${JSON.stringify(fault.body)}`
    default:
      return fault.kind
  }
}
