/**
 * A case's timeout that can be paused while the case waits its turn for a shared resource (the
 * devnet's case gate): time queued behind other cases is not the case's own, and charging it made
 * cases late in a busy run time out though nothing was wrong. Paused time is bounded, so a wait that
 * never ends still ends the case.
 */

/** The longest a case's timeout stays paused, over all its waits. */
export const MAX_PAUSED_MS = 300_000

/** The timeout of one case run. */
export interface CaseClock {
  /** Settles when the timeout fires (after `timeoutMs` of unpaused time, or once pauses run out). */
  expired: Promise<void>
  /** Runs `wait` with the timeout paused (nested and concurrent waits pause it once). */
  untimed<T>(wait: Promise<T>): Promise<T>
  /** Stops the clock for good (the case ended). */
  stop(): void
}

/** A started clock of `timeoutMs`, which pauses for at most `maxPausedMs` in all. */
export function startCaseClock(timeoutMs: number, maxPausedMs = MAX_PAUSED_MS): CaseClock {
  let remaining = timeoutMs
  let pausable = maxPausedMs
  let armedAt = 0
  let waits = 0
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let pauseLimit: NodeJS.Timeout | undefined
  let fire!: () => void
  const expired = new Promise<void>((resolve) => {
    fire = resolve
  })

  const arm = () => {
    if (stopped || timer !== undefined) return
    armedAt = performance.now()
    timer = setTimeout(fire, Math.max(0, remaining))
  }
  const disarm = () => {
    if (timer === undefined) return
    clearTimeout(timer)
    timer = undefined
    remaining -= performance.now() - armedAt
  }
  arm()

  return {
    expired,
    async untimed(wait) {
      if (stopped || pausable <= 0) return wait
      const pausedAt = performance.now()
      if (waits++ === 0) {
        disarm()
        // A wait longer than what is left to pause resumes the timeout while it goes on.
        pauseLimit = setTimeout(arm, pausable)
      }
      try {
        return await wait
      } finally {
        if (--waits === 0) {
          clearTimeout(pauseLimit)
          pausable -= performance.now() - pausedAt
          arm()
        }
      }
    },
    stop() {
      stopped = true
      clearTimeout(timer)
      clearTimeout(pauseLimit)
    },
  }
}
