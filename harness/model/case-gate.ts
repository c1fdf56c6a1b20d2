/**
 * A shared/exclusive gate over work that runs side by side. Each piece of work holds a share while it
 * runs; work that must not overlap any other takes the gate exclusively: it waits until no share is
 * held and holds new ones back until it is done. The facilitator suite gates its case runs (a case
 * that moves the devnet clock past a payment's window, such as a batch-settlement withdraw delay, runs
 * alone, so no payment another case has in flight expires under it); the MCP server suite gates paid
 * calls (a case that reads the server's one execution counter reads it while none is in flight).
 */

/** One case run's share of the gate. */
export interface GateShare {
  /** Runs `work` while no other case of this gate runs (never call it inside `exclusiveClock`). */
  exclusive<T>(work: () => Promise<T>): Promise<T>
}

/** Runs a wait for the gate with the case's timeout paused (the runner's `untimed`). */
export type Untimed = <T>(wait: Promise<T>) => Promise<T>

const timed: Untimed = (wait) => wait

/** The gate of one devnet. */
export interface CaseGate {
  /**
   * Takes a share for a case run; it is given back when `signal` aborts (the case ended). Waits for
   * the gate run through `untimed`: a case queued behind an exclusive holder is not late.
   */
  enter(signal: AbortSignal, untimed?: Untimed): Promise<GateShare>
}

/** A new gate. */
export function createCaseGate(): CaseGate {
  let running = 0
  /** Set while an exclusive holder waits for the others or runs: new shares wait for it. */
  let closed: Promise<void> | undefined
  /** Exclusive holders, one after the other. */
  let turns: Promise<unknown> = Promise.resolve()
  let idle: (() => void)[] = []

  const take = async () => {
    while (closed) await closed
    running += 1
  }
  const give = () => {
    running -= 1
    if (running === 0) {
      const waiting = idle
      idle = []
      for (const wake of waiting) wake()
    }
  }

  return {
    async enter(signal, untimed = timed) {
      await untimed(take())
      let held = true
      const release = () => {
        if (!held) return
        held = false
        give()
      }
      if (signal.aborted) release()
      else signal.addEventListener('abort', release, { once: true })
      return {
        async exclusive(work) {
          // This run's own share must not hold itself up (nor another exclusive holder waiting first).
          const hadShare = held
          if (hadShare) release()
          let admit!: () => void
          const admitted = new Promise<void>((resolve) => {
            admit = resolve
          })
          const turn = turns.then(async () => {
            let open!: () => void
            closed = new Promise((resolve) => {
              open = resolve
            })
            try {
              if (running > 0) await new Promise<void>((resolve) => idle.push(resolve))
              admit()
              return await work()
            } finally {
              closed = undefined
              open()
            }
          })
          turns = turn.then(
            () => undefined,
            () => undefined,
          )
          try {
            // Waiting for the earlier holders and for the others to finish is untimed; the work is not.
            await untimed(admitted)
            return await turn
          } finally {
            if (hadShare && !signal.aborted) {
              await untimed(take())
              // The case may have ended while this run waited: its abort listener has already fired,
              // so give the share straight back instead of holding it forever.
              if (signal.aborted) give()
              else held = true // `release` still listens for the abort
            }
          }
        },
      }
    },
  }
}
