/** Case selection: filters, shards, worker dealing, seeds, and load-time checks of a suites registry. */
import { pathToFileURL } from 'node:url'
import { describe, expect, test } from 'vitest'
import { caseSeed } from '../../harness/runner/seed.ts'
import { dealCases, globToRegExp, selectCases, shardOf } from '../../harness/runner/select.ts'
import { checkSuites, defineSuite, loadSuites, type RoleSuite } from '../../harness/runner/suite.ts'
import { toyClientSuite } from './fixtures/toy-client-suite.ts'
import { toyServerSuite } from './fixtures/toy-suite.ts'

const suites = [toyServerSuite, toyClientSuite]
const ids = (filters: Parameters<typeof selectCases>[1]) => selectCases(suites, filters).map((c) => c.meta.id)

describe('filters', () => {
  test('id globs match whole ids; * spans dots, ? one character', () => {
    expect(globToRegExp('server.toy.*').test('server.toy.ok')).toBe(true)
    expect(globToRegExp('server.*').test('server.toy.ok')).toBe(true)
    expect(globToRegExp('toy.*').test('server.toy.ok')).toBe(false)
    expect(globToRegExp('server.toy.o?').test('server.toy.ok')).toBe(true)
    expect(globToRegExp('server.toy.o?').test('server.toy.okk')).toBe(false)
    expect(globToRegExp('server.toy.ok').test('serverXtoy.ok')).toBe(false)
  })

  test('values of one filter are alternatives; different filters must all match', () => {
    expect(ids({ ids: ['server.toy.ok', 'client.*'] })).toEqual(['client.toy.fetches', 'server.toy.ok'])
    expect(ids({ tags: ['broken'] })).toEqual(['server.toy.must-break', 'server.toy.should-break'])
    expect(ids({ tags: ['broken'], ids: ['*.must-*'] })).toEqual(['server.toy.must-break'])
    expect(ids({ requirements: ['CL-3'] })).toEqual(['client.toy.fetches'])
    expect(ids({ roles: ['client'] })).toEqual(['client.toy.fetches'])
    expect(ids({ versions: [1] })).toEqual(['server.toy.ok', 'server.toy.v1-only'])
    expect(ids({ ids: ['nothing.*'] })).toEqual([])
  })

  test('the selection is sorted by id and keeps metadata but not run', () => {
    const selected = selectCases(suites)
    const sorted = [...selected].map((c) => c.meta.id).sort()
    expect(selected.map((c) => c.meta.id)).toEqual(sorted)
    expect(selected[0]!.suite).toBe('toy-client')
    expect('run' in selected[0]!.meta).toBe(false)
  })
})

describe('shards', () => {
  test('shards are disjoint, cover the selection, and differ in size by at most one', () => {
    const all = selectCases(suites)
    for (const count of [1, 2, 3, 5, all.length + 2]) {
      const shards = Array.from({ length: count }, (_, i) => shardOf(all, { index: i + 1, count }))
      const union = shards.flatMap((shard) => shard.map((c) => c.meta.id))
      expect(new Set(union).size).toBe(union.length)
      expect(union.sort()).toEqual(all.map((c) => c.meta.id).sort())
      const sizes = shards.map((shard) => shard.length)
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
    }
  })

  test('a shard does not depend on the order cases were declared in', () => {
    const all = selectCases(suites)
    expect(shardOf([...all].reverse(), { index: 2, count: 3 })).toEqual(shardOf(all, { index: 2, count: 3 }))
  })

  test('dealing over workers is balanced and drops empty workers', () => {
    expect(dealCases([1, 2, 3, 4, 5], 2)).toEqual([
      [1, 3, 5],
      [2, 4],
    ])
    expect(dealCases([1, 2], 4)).toEqual([[1], [2]])
    expect(dealCases([], 3)).toEqual([])
  })
})

describe('seeds', () => {
  test('a case seed depends on the run seed, the case and the version only', () => {
    const seed = caseSeed(42, 'server.toy.ok', 2)
    expect(caseSeed(42, 'server.toy.ok', 2)).toBe(seed)
    expect(caseSeed(43, 'server.toy.ok', 2)).not.toBe(seed)
    expect(caseSeed(42, 'server.toy.ok', 1)).not.toBe(seed)
    expect(caseSeed(42, 'server.toy.must-break', 2)).not.toBe(seed)
    expect(seed).toBeGreaterThanOrEqual(0)
    expect(seed).toBeLessThan(2 ** 31)
  })
})

describe('load-time checks', () => {
  test('a duplicate case id fails when the registry loads', async () => {
    const module = pathToFileURL(new URL('./fixtures/duplicate-suites.ts', import.meta.url).pathname).href
    await expect(loadSuites(module)).rejects.toThrow("duplicate case id 'server.toy.ok'")
  })

  test('the same case id in two suites fails', () => {
    const twin = { ...toyServerSuite, name: 'twin' }
    expect(() => checkSuites([toyServerSuite, twin])).toThrow(
      "duplicate case id 'server.toy.ok' (suites 'toy-server' and 'twin')",
    )
  })

  test('a suite whose cases belong to another role is refused', () => {
    const mixed = { ...toyClientSuite, role: 'server', fixture: toyServerSuite.fixture } as RoleSuite
    expect(() => defineSuite(mixed)).toThrow(
      /case client\.toy\.fetches \(role client\) is in the server suite/,
    )
  })
})
