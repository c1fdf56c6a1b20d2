/** How a case's ending becomes its outcome, and `executeCase`'s timeout, capability and target checks. */
import { describe, expect, test } from 'vitest'
import { defineCase } from '../../harness/model/case.ts'
import { CheckFailure, Informational, Skip, TargetUnavailable } from '../../harness/model/verdict.ts'
import { executeCase } from '../../harness/runner/execute.ts'
import type { RoleSession } from '../../harness/runner/fixture.ts'
import { CaseTimeout, outcomeOf } from '../../harness/runner/outcome.ts'
import type { Target } from '../../harness/targets/types.ts'

describe('outcomeOf', () => {
  test('a normal end passes', () => {
    expect(outcomeOf(undefined, 'MUST')).toEqual({ outcome: 'pass' })
  })

  test('a CheckFailure takes the case level: MUST and schema fail, SHOULD warns, MAY is info', () => {
    const failure = new CheckFailure('amount too low', {
      expected: '402',
      seen: '200',
      spec: [{ file: 'specs/x402-specification-v2.md', section: '5.1' }],
    })
    expect(outcomeOf(failure, 'MUST')).toEqual({
      outcome: 'fail',
      message: 'amount too low',
      expected: '402',
      seen: '200',
      spec: [{ file: 'specs/x402-specification-v2.md', section: '5.1' }],
    })
    expect(outcomeOf(failure, 'schema').outcome).toBe('fail')
    expect(outcomeOf(failure, 'SHOULD').outcome).toBe('warn')
    expect(outcomeOf(failure, 'MAY').outcome).toBe('info')
  })

  test("a CheckFailure's own level wins over the case level", () => {
    expect(outcomeOf(new CheckFailure('x', { level: 'SHOULD' }), 'MUST').outcome).toBe('warn')
    expect(outcomeOf(new CheckFailure('x', { level: 'MUST' }), 'MAY').outcome).toBe('fail')
  })

  test('Skip, Informational, TargetUnavailable and timeouts', () => {
    expect(outcomeOf(new Skip('no v1 route'), 'MUST')).toEqual({ outcome: 'skip', message: 'no v1 route' })
    expect(outcomeOf(new Informational('chose A'), 'MUST')).toEqual({ outcome: 'info', message: 'chose A' })
    expect(outcomeOf(new TargetUnavailable('gone'), 'MUST')).toEqual({ outcome: 'error', message: 'gone' })
    expect(outcomeOf(new CaseTimeout(1500), 'MUST')).toEqual({
      outcome: 'error',
      message: 'timed out after 1.5 s',
    })
  })

  test('verdicts are recognised by name, so another copy of the package counts too', () => {
    const foreign = Object.assign(new Error('seen broken'), {
      name: 'CheckFailure',
      expected: 'a',
      seen: 'b',
    })
    expect(outcomeOf(foreign, 'SHOULD')).toMatchObject({ outcome: 'warn', expected: 'a', seen: 'b' })
  })

  test('anything else is an error in one line; the stack is kept only when verbose', () => {
    const error = new TypeError('first line\nsecond line')
    const quiet = outcomeOf(error, 'MUST')
    expect(quiet).toEqual({ outcome: 'error', message: 'TypeError: first line' })
    const verbose = outcomeOf(error, 'MUST', true)
    expect(verbose.message).toBe('TypeError: first line')
    expect(verbose.note).toMatchObject({ kind: 'note', text: 'stack of the error' })
    expect(String((verbose.note as { data: unknown }).data)).toContain('outcome.test.ts')
    expect(outcomeOf('a string', 'MUST')).toEqual({ outcome: 'error', message: 'thrown: a string' })
    const fetchFailed = new TypeError('fetch failed', {
      cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }),
    })
    expect(outcomeOf(fetchFailed, 'MUST').message).toBe('TypeError: fetch failed (ECONNRESET)')
  })
})

describe('executeCase', () => {
  const target = (problem?: string): Target => ({ kind: 'url', label: 't', problem: () => problem })
  const session: RoleSession<{ signal: AbortSignal; seed: number }> = {
    versions: [2],
    capabilities: ['chain'],
    label: 't',
    context: async (run) => ({ signal: run.signal, seed: run.seed }),
    teardown: async () => {},
  }
  const options = { timeoutMs: 200, verbose: false, seed: 7 }
  const meta = { title: 't', role: 'server', versions: [2], requirements: ['RS-4'], level: 'MUST' } as const

  test('a hung case ends at its timeout as an error, and its signal is aborted', async () => {
    let aborted: unknown
    const hung = defineCase<{ signal: AbortSignal }>({
      ...meta,
      id: 'server.t.hung',
      run: ({ signal }) =>
        new Promise((_, reject) => {
          signal.addEventListener('abort', () => {
            aborted = signal.reason
            reject(signal.reason)
          })
        }),
    })
    const started = performance.now()
    const result = await executeCase(hung, 2, session, target(), options)
    expect(performance.now() - started).toBeLessThan(2000)
    expect(result.outcome).toBe('error')
    expect(result.message).toMatch(/^timed out after 0\.2 s/)
    expect(aborted).toBeInstanceOf(CaseTimeout)
  })

  test("a case's own timeout wins", async () => {
    const slow = defineCase<unknown>({
      ...meta,
      id: 'server.t.slow',
      timeoutMs: 1000,
      run: () => new Promise((resolve) => setTimeout(resolve, 400)),
    })
    expect((await executeCase(slow, 2, session, target(), options)).outcome).toBe('pass')
  })

  test('a missing capability skips without running; an unusable target is an error', async () => {
    let ran = false
    const needy = defineCase<unknown>({
      ...meta,
      id: 'server.t.needy',
      needs: ['client-budget', 'chain'],
      run: async () => {
        ran = true
      },
    })
    const skipped = await executeCase(needy, 2, session, target(), options)
    expect(skipped.outcome).toBe('skip')
    // The reason names the capability and what would enable it.
    expect(skipped.message).toMatch(
      /^the target does not offer: client-budget \(to run it, .*X402_CLIENT_BUDGET/,
    )
    const plain = defineCase<unknown>({ ...meta, id: 'server.t.plain', run: async () => {} })
    const broken = await executeCase(
      plain,
      2,
      session,
      target('the target process exited with code 1'),
      options,
    )
    expect(broken).toMatchObject({
      outcome: 'error',
      message: 'target unavailable: the target process exited with code 1',
    })
    expect(ran).toBe(false)
  })

  test('the result carries the case metadata, the version, evidence and a derived seed', async () => {
    const noted = defineCase<{ seed: number }>({
      ...meta,
      id: 'server.t.noted',
      tags: ['x'],
      run: async () => {},
    })
    const result = await executeCase(noted, 2, session, target(), options)
    expect(result).toMatchObject({
      id: 'server.t.noted',
      version: 2,
      role: 'server',
      requirements: ['RS-4'],
      level: 'MUST',
      tags: ['x'],
      outcome: 'pass',
      evidence: [],
    })
    expect(result.durationMs).toBeGreaterThanOrEqual(0)
  })
})
