/** The facilitator's chain-free parts: the fault table, the per-key queue, the oracle log, field readers. */
import { describe, expect, it } from 'vitest'
import { FaultTable } from '../../harness/facilitator/faults.ts'
import { OracleLog } from '../../harness/facilitator/log.ts'
import { ecrecoverInput, ecrecoverOutput } from '../../harness/facilitator/signature.ts'
import { KeyedQueue } from '../../harness/model/keyed-queue.ts'
import { readAddress, readBytes32, readUint256 } from '../../harness/wire/fields.ts'

const PAYER = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'

describe('FaultTable', () => {
  it('applies every delay and the first answer-changing fault, per endpoint, case-insensitively', () => {
    const faults = new FaultTable()
    faults.add(PAYER, 'both', { kind: 'delay', ms: 100 })
    faults.add(PAYER, 'verify', { kind: 'reject', reason: 'insufficient_funds' })
    faults.add(PAYER, 'both', { kind: 'http-500' })
    faults.add(PAYER, 'settle', { kind: 'delay', ms: 50 })
    const verify = faults.take(PAYER.toLowerCase(), 'verify')
    expect(verify).toEqual({
      delayMs: 100,
      answer: { kind: 'reject', reason: 'insufficient_funds' },
      applied: ['delay 100ms', 'reject insufficient_funds'],
    })
    const settle = faults.take(PAYER, 'settle')
    expect(settle).toEqual({
      delayMs: 150,
      answer: { kind: 'http-500' },
      applied: ['delay 100ms', 'http-500', 'delay 50ms'],
    })
  })

  it('counts down `times` and forgets exhausted rules', () => {
    const faults = new FaultTable()
    faults.add(PAYER, 'settle', { kind: 'drop' }, { times: 2 })
    expect(faults.take(PAYER, 'verify').answer).toBeUndefined()
    expect(faults.take(PAYER, 'settle').answer).toEqual({ kind: 'drop' })
    expect(faults.take(PAYER, 'settle').answer).toEqual({ kind: 'drop' })
    expect(faults.take(PAYER, 'settle').answer).toBeUndefined()
    expect(faults.list(PAYER)).toEqual([])
  })

  it('never applies no-transaction to verify, and leaves other payers alone', () => {
    const faults = new FaultTable()
    faults.add(PAYER, 'both', { kind: 'no-transaction' })
    expect(faults.take(PAYER, 'verify')).toEqual({ delayMs: 0, applied: [] })
    expect(faults.take(PAYER, 'settle').answer).toEqual({ kind: 'no-transaction' })
    expect(faults.take('0x0000000000000000000000000000000000000001', 'settle').answer).toBeUndefined()
    expect(faults.take(undefined, 'settle').answer).toBeUndefined()
    faults.clear()
    expect(faults.list(PAYER)).toEqual([])
  })
})

describe('KeyedQueue', () => {
  it('runs work of one key in call order, one at a time, even when some fail', async () => {
    const queue = new KeyedQueue()
    const events: string[] = []
    const job = (name: string, ms: number, fail = false) =>
      queue.run('k', async () => {
        events.push(`start ${name}`)
        await new Promise((resolve) => setTimeout(resolve, ms))
        events.push(`end ${name}`)
        if (fail) throw new Error(name)
        return name
      })
    const results = await Promise.allSettled([job('a', 30), job('b', 1, true), job('c', 1)])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c'])
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(queue.size).toBe(0)
  })

  it('runs different keys concurrently', async () => {
    const queue = new KeyedQueue()
    const events: string[] = []
    const job = (key: string, ms: number) =>
      queue.run(key, async () => {
        events.push(`start ${key}`)
        await new Promise((resolve) => setTimeout(resolve, ms))
        events.push(`end ${key}`)
      })
    await Promise.all([job('x', 30), job('y', 1)])
    expect(events).toEqual(['start x', 'start y', 'end y', 'end x'])
  })
})

describe('OracleLog', () => {
  const call = (endpoint: 'verify' | 'settle', payer?: string) => ({
    time: Date.now(),
    endpoint,
    transport: 'http' as const,
    method: 'POST',
    path: `/${endpoint}`,
    request: {},
    response: {},
    httpStatus: 200,
    durationMs: 1,
    faults: [],
    ...(payer === undefined ? {} : { payer }),
  })

  it('numbers calls and filters by payer, endpoint and mark', () => {
    const log = new OracleLog()
    log.record(call('verify', PAYER))
    const mark = log.mark()
    log.record(call('settle', PAYER))
    log.record(call('verify'))
    expect(log.calls().map((c) => c.seq)).toEqual([1, 2, 3])
    expect(log.byPayer(PAYER.toLowerCase()).map((c) => c.seq)).toEqual([1, 2])
    expect(log.byEndpoint('verify').map((c) => c.seq)).toEqual([1, 3])
    expect(log.calls({ since: mark }).map((c) => c.seq)).toEqual([2, 3])
    log.clear()
    expect(log.size).toBe(0)
    expect(log.record(call('verify')).seq).toBe(4)
  })

  it('waitFor resolves on a later match and rejects on timeout', async () => {
    const log = new OracleLog()
    const waiting = log.waitFor({ endpoint: 'settle' }, 1000)
    log.record(call('verify'))
    log.record(call('settle', PAYER))
    expect((await waiting).seq).toBe(2)
    await expect(log.waitFor({ payer: '0x0000000000000000000000000000000000000001' }, 20)).rejects.toThrow(
      /no facilitator call/,
    )
  })
})

describe('field readers', () => {
  it('read uint256 decimal strings only', () => {
    expect(readUint256('0')).toBe(0n)
    expect(readUint256('1000')).toBe(1000n)
    expect(readUint256(((1n << 256n) - 1n).toString())).toBe((1n << 256n) - 1n)
    for (const bad of [(1n << 256n).toString(), '-1', '1e3', '0x10', ' 1', '', 1000, null]) {
      expect(readUint256(bad)).toBeUndefined()
    }
  })

  it('read addresses in any case (checksummed) and 32-byte nonces', () => {
    expect(readAddress(PAYER.toLowerCase())).toBe(PAYER)
    expect(readAddress('0x1234')).toBeUndefined()
    expect(readBytes32(`0x${'AB'.repeat(32)}`)).toBe(`0x${'ab'.repeat(32)}`)
    expect(readBytes32(`0x${'ab'.repeat(31)}`)).toBeUndefined()
  })
})

describe('ecrecover input', () => {
  const digest = `0x${'11'.repeat(32)}` as const
  it('refuses a high s and a signature that is not 65 bytes, and keeps v as signed', () => {
    const r = '22'.repeat(32)
    const lowS = '7f'.padEnd(64, '0')
    const highS = 'ff'.repeat(32)
    expect(ecrecoverInput(digest, `0x${r}${lowS}1b`)).toBe(`${digest}${'0'.repeat(62)}1b${r}${lowS}`)
    expect(ecrecoverInput(digest, `0x${r}${lowS}00`)?.slice(66, 130)).toBe('0'.repeat(64))
    expect(ecrecoverInput(digest, `0x${r}${highS}1b`)).toBeUndefined()
    expect(ecrecoverInput(digest, `0x${r}${lowS}`)).toBeUndefined()
  })

  it('reads the recovered address, and none from empty or zero output', () => {
    expect(ecrecoverOutput(`0x${'0'.repeat(24)}${PAYER.slice(2).toLowerCase()}`)).toBe(PAYER)
    expect(ecrecoverOutput('0x')).toBeUndefined()
    expect(ecrecoverOutput(`0x${'0'.repeat(64)}`)).toBeUndefined()
  })
})
