/**
 * Which cases a run executes: filters (case id glob, tag, requirement id, role, version; several values
 * of one filter are alternatives, different filters must all match) and `--shard i/n`.
 */
import type { CaseMeta } from '../model/case.ts'
import type { Role } from '../model/result.ts'
import type { X402Version } from '../wire/types.ts'
import type { RoleSuite } from './suite.ts'

export interface CaseFilters {
  /** Case id globs (`*` any run of characters, `?` one character). */
  ids?: readonly string[]
  tags?: readonly string[]
  requirements?: readonly string[]
  roles?: readonly Role[]
  /** Protocol versions; a case listing none of them is left out. */
  versions?: readonly X402Version[]
}

/** A selected case: its suite and its metadata. */
export interface SelectedCase {
  suite: string
  meta: CaseMeta
}

/** A shard of a run: `index` of `count`, 1-based. */
export interface Shard {
  index: number
  count: number
}

/** The cases of `suites` that pass every filter, sorted by id (the stable order shards are dealt from). */
export function selectCases(suites: readonly RoleSuite[], filters: CaseFilters = {}): SelectedCase[] {
  const idPatterns = filters.ids?.map(globToRegExp)
  const selected: SelectedCase[] = []
  for (const suite of suites) {
    if (filters.roles?.length && !filters.roles.includes(suite.role)) continue
    for (const definition of suite.cases) {
      if (idPatterns?.length && !idPatterns.some((pattern) => pattern.test(definition.id))) continue
      if (filters.tags?.length && !filters.tags.some((tag) => definition.tags?.includes(tag))) continue
      if (
        filters.requirements?.length &&
        !filters.requirements.some((id) => definition.requirements.includes(id))
      )
        continue
      if (
        filters.versions?.length &&
        !filters.versions.some((version) => definition.versions.includes(version))
      )
        continue
      const { run: _run, ...meta } = definition
      selected.push({ suite: suite.name, meta })
    }
  }
  return selected.sort((a, b) => compare(a.meta.id, b.meta.id))
}

/**
 * The cases of one shard: the selection sorted by id and dealt round-robin, so shards are disjoint,
 * together are the whole selection, and differ in size by at most one.
 */
export function shardOf<T extends SelectedCase>(cases: readonly T[], shard: Shard): T[] {
  const sorted = [...cases].sort((a, b) => compare(a.meta.id, b.meta.id))
  return sorted.filter((_, position) => position % shard.count === shard.index - 1)
}

/** Deals cases over `workers` buckets round-robin (balanced, deterministic); empty buckets are dropped. */
export function dealCases<T>(cases: readonly T[], workers: number): T[][] {
  const buckets: T[][] = Array.from({ length: Math.max(1, workers) }, () => [])
  for (const [position, item] of cases.entries()) buckets[position % buckets.length]!.push(item)
  return buckets.filter((bucket) => bucket.length > 0)
}

/** Compiles a case id glob into an anchored regular expression. */
export function globToRegExp(glob: string): RegExp {
  const source = [...glob]
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('')
  return new RegExp(`^${source}$`)
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
