/**
 * One long self-test file split across several test files, so vitest runs the parts in parallel
 * workers (each part in its own process, with its own devnet). The file that holds the tests is part 1
 * when vitest runs it; a part file (`<name>.part<N>.test.ts`) selects its part, then imports that file:
 *
 *   // known-bad.part2.test.ts
 *   import { runPart } from '../part.ts'
 *   await runPart({ index: 2, of: 4 }, () => import('./known-bad.test.ts'))
 *
 * and the file keeps its share of its list: `const PART = currentPart(4)`, `for (const bad of partOf(list, PART))`. Every
 * item lands in exactly one part (see test/suites/part.test.ts), so nothing is skipped by the split.
 */

/** Which part of a split file this process runs (1-based). */
export interface Part {
  index: number
  of: number
}

let selected: Part | undefined

/** Runs `load` (the import of the split file) as part `part`. */
export async function runPart(part: Part, load: () => Promise<unknown>): Promise<void> {
  if (!Number.isInteger(part.index) || part.index < 2 || part.index > part.of)
    throw new Error(`part ${part.index} of ${part.of}: a part file holds part 2 or later`)
  selected = part
  await load()
}

/**
 * The part this process runs of a file split into `of` parts: the one a part file selected, or part 1
 * when vitest runs the split file itself. A part file that asks for another split fails at once.
 */
export function currentPart(of: number): Part {
  if (selected === undefined) return { index: 1, of }
  if (selected.of !== of)
    throw new Error(`part ${selected.index} of ${selected.of} of a file split into ${of}`)
  return selected
}

/** The items of `items` in `part`: every `of`-th, from the `index`-th on (round robin, so slow neighbours spread). */
export function partOf<T>(items: readonly T[], part: Part): T[] {
  return items.filter((_, position) => position % part.of === part.index - 1)
}
