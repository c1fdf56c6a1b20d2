/**
 * Terminal progress: a live line on a TTY, one line per case otherwise (`[n/N target]`, N from the
 * plan once the target's versions are known), failures as they happen, --quiet.
 */
import { Writable } from 'node:stream'
import { describe, expect, test } from 'vitest'
import { createProgress } from '../../cli/progress.ts'
import type { CaseResult } from '../../harness/model/result.ts'

function sink(isTTY: boolean) {
  let text = ''
  const stream = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        text += String(chunk)
        done()
      },
    }),
    { isTTY, columns: 60 },
  )
  return { stream, text: () => text }
}

const result = (id: string, outcome: CaseResult['outcome'], extra: Partial<CaseResult> = {}): CaseResult => ({
  id,
  version: 2,
  title: id,
  role: 'server',
  requirements: ['RS-4'],
  level: 'MUST',
  tags: [],
  outcome,
  durationMs: 1,
  evidence: [],
  ...extra,
})

const failing = result('server.a.fail', 'fail', { message: 'paid too little', expected: '402', seen: '200' })

describe('progress', () => {
  test('not a TTY: one line per case, failures with expected and seen, no escape codes', () => {
    const out = sink(false)
    const asked: [string, readonly number[] | undefined][] = []
    const progress = createProgress({
      stream: out.stream,
      quiet: false,
      total: (group, versions) => {
        asked.push([group, versions])
        return versions?.length === 1 ? 3 : 4
      },
    })
    progress.session?.('server-v2', { label: 'x', versions: [2] })
    progress.started?.('server.a.ok [v2]')
    progress.result?.('server-v2', result('server.a.ok', 'pass'))
    progress.result?.('server-v2', failing)
    progress.note('x402-conformance: a note')
    progress.result?.('other', result('server.b.ok', 'pass'))
    progress.runError?.('target gone')
    progress.done()
    // The total comes from the first session of a target, not from how many results arrived.
    expect(asked).toEqual([
      ['server-v2', [2]],
      ['other', undefined],
    ])
    expect(out.text()).toBe(
      '[1/3 server-v2] pass server.a.ok [v2]\n' +
        '[2/3 server-v2] FAIL server.a.fail [v2]: paid too little\n    expected: 402\n    seen:     200\n' +
        'x402-conformance: a note\n' +
        '[1/4 other] pass server.b.ok [v2]\n',
    )
  })

  test('a TTY: a live [done/total] line redrawn in place, cleared before failures and at the end', () => {
    const previous = process.env.NO_COLOR
    delete process.env.NO_COLOR
    try {
      const out = sink(true)
      const progress = createProgress({ stream: out.stream, quiet: false, total: () => 2 })
      progress.session?.('g', { label: 'x', versions: [2] })
      progress.started?.('server.a.ok [v2]')
      progress.result?.('g', result('server.a.ok', 'pass'))
      progress.result?.('g', failing)
      progress.done()
      const text = out.text()
      expect(text).toContain('[0/2] server.a.ok [v2]')
      expect(text).toContain('\r\u001b[2K[1/2] server.a.ok [v2]')
      expect(text).toContain('[2/2 g] \u001b[31mFAIL\u001b[39m server.a.fail [v2]: paid too little\n')
      expect(text.endsWith('\r\u001b[2K')).toBe(true)
    } finally {
      if (previous !== undefined) process.env.NO_COLOR = previous
    }
  })

  test('NO_COLOR turns colours off on a TTY; --quiet prints nothing', () => {
    const previous = process.env.NO_COLOR
    process.env.NO_COLOR = '1'
    try {
      const out = sink(true)
      const progress = createProgress({ stream: out.stream, quiet: false })
      progress.result?.('g', failing)
      expect(out.text()).not.toContain('\u001b[31m')
      const quiet = sink(true)
      const silent = createProgress({ stream: quiet.stream, quiet: true })
      silent.session?.('g', { label: 'x', versions: [2] })
      silent.started?.('x')
      silent.result?.('g', failing)
      silent.note('a note')
      silent.done()
      expect(quiet.text()).toBe('')
    } finally {
      if (previous === undefined) delete process.env.NO_COLOR
      else process.env.NO_COLOR = previous
    }
  })
})
