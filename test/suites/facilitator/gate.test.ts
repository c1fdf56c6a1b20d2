/**
 * The case gate (harness/model/case-gate.ts): an exclusive holder waits until every other running case
 * has ended, holds new cases back while it runs, and exclusive holders take turns.
 */
import { describe, expect, it } from 'vitest'
import { createCaseGate } from '../../../harness/model/case-gate.ts'

const tick = () => new Promise((resolve) => setTimeout(resolve, 5))

describe('case gate', () => {
  it('runs exclusive work only once the other cases ended, and holds new cases back meanwhile', async () => {
    const gate = createCaseGate()
    const log: string[] = []
    const a = new AbortController()
    const b = new AbortController()
    await gate.enter(a.signal)
    const shareB = await gate.enter(b.signal)
    const exclusive = shareB.exclusive(async () => {
      log.push('exclusive start')
      await tick()
      log.push('exclusive end')
    })
    await tick()
    expect(log).toEqual([]) // case a still runs
    const c = new AbortController()
    const entered = gate.enter(c.signal).then(() => log.push('c entered'))
    a.abort()
    await exclusive
    await entered
    expect(log).toEqual(['exclusive start', 'exclusive end', 'c entered'])
    b.abort()
    c.abort()
  })

  it('gives exclusive turns one after the other', async () => {
    const gate = createCaseGate()
    const log: string[] = []
    const one = new AbortController()
    const two = new AbortController()
    const [first, second] = await Promise.all([gate.enter(one.signal), gate.enter(two.signal)])
    const work = (name: string, done: AbortController) => async () => {
      log.push(`${name} start`)
      await tick()
      log.push(`${name} end`)
      setTimeout(() => done.abort(), 5) // the case ends a moment after its exclusive part
    }
    await Promise.all([first.exclusive(work('one', one)), second.exclusive(work('two', two))])
    expect(log).toEqual(['one start', 'one end', 'two start', 'two end'])
  })

  it('gives the share back after exclusive work: a later exclusive holder waits for that case', async () => {
    const gate = createCaseGate()
    const one = new AbortController()
    const first = await gate.enter(one.signal)
    await first.exclusive(async () => undefined)
    const three = new AbortController()
    const third = await gate.enter(three.signal)
    let ran = false
    const pending = third.exclusive(async () => {
      ran = true
    })
    await tick()
    expect(ran).toBe(false)
    one.abort()
    await pending
    expect(ran).toBe(true)
  })

  it('does not count a case whose signal aborted before it entered', async () => {
    const gate = createCaseGate()
    const gone = new AbortController()
    gone.abort()
    await gate.enter(gone.signal)
    const own = new AbortController()
    const share = await gate.enter(own.signal)
    await expect(share.exclusive(async () => 'alone')).resolves.toBe('alone')
  })

  it('gives back the share of a case that ended while it waited to re-enter after its exclusive turn', async () => {
    const gate = createCaseGate()
    const b = new AbortController()
    const shareB = await gate.enter(b.signal)
    const d = new AbortController()
    const shareD = await gate.enter(d.signal)
    let releaseB!: () => void
    let releaseD!: () => void
    const hold = (set: (resolve: () => void) => void) => () => new Promise<void>((resolve) => set(resolve))
    const bTurn = shareB.exclusive(hold((resolve) => (releaseB = resolve)))
    const dTurn = shareD.exclusive(hold((resolve) => (releaseD = resolve)))
    await tick()
    releaseB() // b's turn ends; d's turn now holds the gate while b waits to re-enter
    await tick()
    b.abort() // b's case ends (a timeout) during that wait
    await tick()
    releaseD()
    await bTurn
    await dTurn
    d.abort()
    // Nothing runs any more: a new exclusive holder must not wait for a share b re-took.
    const e = new AbortController()
    const shareE = await gate.enter(e.signal)
    const result = await Promise.race([
      shareE.exclusive(async () => 'ran'),
      new Promise((resolve) => setTimeout(() => resolve('stuck'), 500)),
    ])
    expect(result).toBe('ran')
  })
})
