/**
 * The paid tool's execution counter is one number for the whole server, and cases run side by side:
 * a case that reads it before and after its own calls must not count another case's paid call. Paid
 * calls go through `paid`; `quietly` waits until none is in flight and holds new ones back while the
 * reading runs, so what it sees moved only by its own calls.
 */
export interface QuietWindow {
  paid<T>(call: () => Promise<T>): Promise<T>
  quietly<T>(work: () => Promise<T>): Promise<T>
}

export function createQuietWindow(): QuietWindow {
  let inFlight = 0
  let drained: (() => void) | undefined
  /** Settles when the current quiet window closes; undefined while none is open. */
  let quiet: Promise<unknown> | undefined
  return {
    async paid(call) {
      while (quiet) await quiet
      inFlight += 1
      try {
        return await call()
      } finally {
        inFlight -= 1
        if (inFlight === 0) drained?.()
      }
    },
    async quietly(work) {
      while (quiet) await quiet.catch(() => undefined)
      const window = (async () => {
        if (inFlight > 0) await new Promise<void>((resolve) => (drained = resolve))
        drained = undefined
        return work()
      })()
      quiet = window.catch(() => undefined)
      try {
        return await window
      } finally {
        quiet = undefined
      }
    },
  }
}
