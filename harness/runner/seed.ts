/** Run seeds: one per run (random unless `--seed`), and one per case run derived from it. */
import { randomInt } from 'node:crypto'

/** A fresh run seed (a non-negative 31-bit integer, as fast-check takes). */
export function randomSeed(): number {
  return randomInt(0, 2 ** 31 - 1)
}

/**
 * The seed of one case run: a stable hash (FNV-1a) of the run seed, case id and version, so one case's
 * seed does not change when cases are added, filtered, sharded or reordered.
 */
export function caseSeed(runSeed: number, caseId: string, version: number): number {
  let hash = 0x811c9dc5
  for (const char of `${runSeed}:${caseId}@v${version}`) {
    hash ^= char.codePointAt(0)!
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash & 0x7fffffff
}
