/** The case timeout pauses while the case waits its turn, and only for as long as it may. */
import { describe, expect, it } from 'vitest'
import { startCaseClock } from '../../harness/runner/case-clock.ts'

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Milliseconds until the clock expires, or `undefined` if it has not within `limitMs`. */
async function firesAfter(expired: Promise<void>, limitMs: number): Promise<number | undefined> {
  const started = performance.now()
  const fired = await Promise.race([expired.then(() => true), sleep(limitMs).then(() => false)])
  return fired ? performance.now() - started : undefined
}

describe('case clock', () => {
  it('expires after its timeout when nothing pauses it', async () => {
    const clock = startCaseClock(60)
    const after = await firesAfter(clock.expired, 1_000)
    expect(after).toBeGreaterThanOrEqual(50)
    clock.stop()
  })

  it('does not count an untimed wait', async () => {
    const clock = startCaseClock(150)
    const started = performance.now()
    await clock.untimed(sleep(250))
    expect(await firesAfter(clock.expired, 1_000)).toBeGreaterThan(100)
    expect(performance.now() - started).toBeGreaterThanOrEqual(380)
    clock.stop()
  })

  it('resumes during a wait longer than it may pause, and never fires once stopped', async () => {
    const clock = startCaseClock(100, 100)
    const waiting = clock.untimed(sleep(2_000))
    const after = await firesAfter(clock.expired, 1_000)
    expect(after).toBeDefined()
    expect(after!).toBeLessThan(600)
    clock.stop()
    await Promise.race([waiting, sleep(10)])
    const stopped = startCaseClock(50)
    stopped.stop()
    expect(await firesAfter(stopped.expired, 200)).toBeUndefined()
  })
})
