/**
 * Dependencies between cases (harness/runner/dependencies.ts): a case whose prerequisite failed or
 * erred is not run and reports skip naming it; a prerequisite runs once per session and version,
 * also when it was not scheduled itself; load-time checks refuse unknown prerequisites and cycles.
 */
import { describe, expect, test } from 'vitest'
import { collectCases, defineCase } from '../../harness/model/case.ts'
import { CheckFailure, Skip } from '../../harness/model/verdict.ts'
import { executeCase } from '../../harness/runner/execute.ts'
import type { RoleSession } from '../../harness/runner/fixture.ts'
import type { Target } from '../../harness/targets/types.ts'

const target: Target = { kind: 'url', label: 't', problem: () => undefined }
const options = { timeoutMs: 2000, verbose: false, seed: 7 }
const meta = { title: 't', role: 'server', versions: [1, 2], requirements: ['RS-4'], level: 'MUST' } as const

function newSession(): RoleSession<unknown> {
  return {
    versions: [1, 2],
    capabilities: [],
    label: 't',
    context: async () => ({}),
    teardown: async () => {},
  }
}

/** A root case ending as `ending` says for the version, counting its runs. */
function root(id: string, ending: () => 'pass' | 'fail' | 'skip' | 'error') {
  const runs: number[] = []
  const definition = defineCase<unknown>({
    ...meta,
    id,
    async run() {
      runs.push(runs.length)
      const how = ending()
      if (how === 'fail') throw new CheckFailure('the server never reads the payment header')
      if (how === 'skip') throw new Skip('not applicable')
      if (how === 'error') throw new TypeError('boom')
    },
  })
  return { definition, runs }
}

describe('dependsOn', () => {
  test('a failed prerequisite blocks its dependents: skip naming it, blockedBy set, not run', async () => {
    const honest = root('server.dep.honest', () => 'fail')
    let ran = 0
    const dependents = ['a', 'b', 'c'].map((name) =>
      defineCase<unknown>({
        ...meta,
        id: `server.dep.malformed-${name}`,
        dependsOn: ['server.dep.honest'],
        run: async () => {
          ran += 1
        },
      }),
    )
    const session = newSession()
    // The dependents run first and at once: the prerequisite is not scheduled yet.
    const results = await Promise.all(
      dependents.map((definition) => executeCase(definition, 2, session, target, options)),
    )
    const own = await executeCase(honest.definition, 2, session, target, options)
    expect(ran).toBe(0)
    expect(honest.runs).toHaveLength(1)
    expect(own.outcome).toBe('fail')
    for (const result of results) {
      expect(result.outcome).toBe('skip')
      expect(result.message).toBe('not run: depends on server.dep.honest, which failed')
      expect(result.blockedBy).toEqual({
        id: 'server.dep.honest',
        outcome: 'fail',
        message: 'the server never reads the payment header',
      })
      expect(result.seen).toContain('the server never reads the payment header')
    }
  })

  test('an erring prerequisite blocks; one that passed or skipped does not', async () => {
    for (const [ending, blocked] of [
      ['error', true],
      ['pass', false],
      ['skip', false],
    ] as const) {
      const prerequisite = root(`server.dep.root-${ending}`, () => ending)
      const dependent = defineCase<unknown>({
        ...meta,
        id: `server.dep.after-${ending}`,
        dependsOn: [prerequisite.definition.id],
        run: async () => {},
      })
      const result = await executeCase(dependent, 1, newSession(), target, options)
      expect(result.outcome, ending).toBe(blocked ? 'skip' : 'pass')
      if (blocked)
        expect(result.message).toBe(`not run: depends on ${prerequisite.definition.id}, which ended in error`)
      else expect(result.blockedBy).toBeUndefined()
    }
  })

  test('a prerequisite runs once per session and version; another session runs it again', async () => {
    const prerequisite = root('server.dep.once', () => 'pass')
    const dependent = defineCase<unknown>({
      ...meta,
      id: 'server.dep.once-after',
      dependsOn: ['server.dep.once'],
      run: async () => {},
    })
    const session = newSession()
    await Promise.all([1, 2, 3].map(() => executeCase(dependent, 2, session, target, options)))
    await executeCase(prerequisite.definition, 2, session, target, options)
    expect(prerequisite.runs).toHaveLength(1)
    await executeCase(dependent, 1, session, target, options)
    expect(prerequisite.runs).toHaveLength(2)
    await executeCase(dependent, 2, newSession(), target, options)
    expect(prerequisite.runs).toHaveLength(3)
  })

  test('a prerequisite not defined at the version blocks nothing', async () => {
    const v2only = defineCase<unknown>({
      ...meta,
      id: 'server.dep.v2-only',
      versions: [2],
      run: async () => {
        throw new CheckFailure('broken')
      },
    })
    const dependent = defineCase<unknown>({
      ...meta,
      id: 'server.dep.v1-dependent',
      dependsOn: [v2only.id],
      run: async () => {},
    })
    expect((await executeCase(dependent, 1, newSession(), target, options)).outcome).toBe('pass')
    expect((await executeCase(dependent, 2, newSession(), target, options)).outcome).toBe('skip')
  })

  test('load-time checks: unknown prerequisite, self-dependency, cycle', () => {
    const lonely = defineCase<unknown>({
      ...meta,
      id: 'server.dep.lonely',
      dependsOn: ['server.dep.nowhere'],
      run: async () => {},
    })
    expect(() => collectCases([lonely])).toThrow(/depends on an unknown case 'server.dep.nowhere'/)
    expect(() =>
      defineCase<unknown>({
        ...meta,
        id: 'server.dep.self',
        dependsOn: ['server.dep.self'],
        run: async () => {},
      }),
    ).toThrow(/depends on itself/)
    const a = defineCase<unknown>({
      ...meta,
      id: 'server.dep.cycle-a',
      dependsOn: ['server.dep.cycle-b'],
      run: async () => {},
    })
    const b = defineCase<unknown>({
      ...meta,
      id: 'server.dep.cycle-b',
      dependsOn: ['server.dep.cycle-a'],
      run: async () => {},
    })
    expect(() => collectCases([a, b])).toThrow(/dependency cycle/)
  })
})
