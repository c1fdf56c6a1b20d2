/**
 * The oracle log: every call the built-in facilitator answered, as the suite's evidence of what a
 * target asked it (DESIGN.md "The oracle"). Queryable by payer and endpoint.
 */

/** The endpoints the facilitator serves; `other` is anything else that reached the HTTP server. */
export type FacilitatorEndpoint = 'verify' | 'settle' | 'supported' | 'health' | 'other'

/** One answered call. */
export interface FacilitatorCall {
  /** 1, 2, 3, … in arrival order; stable, so `since` can page through the log. */
  seq: number
  /** Wall-clock time the call arrived, ms since the epoch. */
  time: number
  endpoint: FacilitatorEndpoint
  /** `http` for calls through the server, `in-process` for direct calls of `verify`/`settle`. */
  transport: 'http' | 'in-process'
  method: string
  path: string
  /** The request body: parsed JSON, or the raw text when it was not JSON, or undefined when empty. */
  request: unknown
  /** The response body: JSON, the raw text of a garbage fault, or undefined for a dropped connection. */
  response: unknown
  /** HTTP status sent, or null when the connection was dropped (fault). */
  httpStatus: number | null
  durationMs: number
  /** `authorization.from` of the request, checksummed, when it named one. */
  payer?: string
  /** Faults applied to this call, in order (empty when it was answered honestly). */
  faults: string[]
}

/** Filters for {@link OracleLog.calls}; all given ones must match. */
export interface CallQuery {
  payer?: string
  endpoint?: FacilitatorEndpoint
  transport?: FacilitatorCall['transport']
  /** Only calls with `seq > since` (use a value from {@link OracleLog.mark}). */
  since?: number
}

/** The log itself: append-only, in memory, with waiters for calls that have not arrived yet. */
export class OracleLog {
  private readonly entries: FacilitatorCall[] = []
  private nextSeq = 1
  private readonly listeners = new Set<(call: FacilitatorCall) => void>()

  /** Records a call and wakes waiters. Used by the facilitator. */
  record(call: Omit<FacilitatorCall, 'seq'>): FacilitatorCall {
    const entry: FacilitatorCall = { seq: this.nextSeq++, ...call }
    this.entries.push(entry)
    for (const listener of this.listeners) listener(entry)
    return entry
  }

  /** Calls matching `query`, oldest first. */
  calls(query: CallQuery = {}): FacilitatorCall[] {
    return this.entries.filter((call) => matches(call, query))
  }

  /** The calls of one payer (any endpoint). */
  byPayer(payer: string): FacilitatorCall[] {
    return this.calls({ payer })
  }

  /** The calls to one endpoint. */
  byEndpoint(endpoint: FacilitatorEndpoint): FacilitatorCall[] {
    return this.calls({ endpoint })
  }

  /** The seq of the latest call (0 when empty): pass it as `since` to see only later calls. */
  mark(): number {
    return this.nextSeq - 1
  }

  /** Every call so far. */
  get size(): number {
    return this.entries.length
  }

  /** Forgets every call (seq numbers keep increasing). */
  clear(): void {
    this.entries.length = 0
  }

  /**
   * Resolves with the first call (already logged or future) matching `query`; rejects after
   * `timeoutMs`. For cases that must see a target's settle before checking the chain.
   */
  waitFor(query: CallQuery, timeoutMs = 10_000): Promise<FacilitatorCall> {
    const [existing] = this.calls(query)
    if (existing) return Promise.resolve(existing)
    return new Promise((resolve, reject) => {
      const probe = (call: FacilitatorCall) => {
        if (matches(call, query)) {
          cleanup()
          resolve(call)
        }
      }
      const timer = setTimeout(() => {
        cleanup()
        reject(new Error(`no facilitator call matching ${JSON.stringify(query)} within ${timeoutMs} ms`))
      }, timeoutMs)
      const cleanup = () => {
        clearTimeout(timer)
        this.listeners.delete(probe)
      }
      this.listeners.add(probe)
    })
  }
}

function matches(call: FacilitatorCall, query: CallQuery): boolean {
  return (
    (query.payer === undefined || call.payer?.toLowerCase() === query.payer.toLowerCase()) &&
    (query.endpoint === undefined || call.endpoint === query.endpoint) &&
    (query.transport === undefined || call.transport === query.transport) &&
    (query.since === undefined || call.seq > query.since)
  )
}
