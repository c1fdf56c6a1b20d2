/** Bounded concurrency: case runs, benchmark calls, anything that must not all start at once. */

/**
 * Runs `work(0)` … `work(count - 1)` with at most `concurrency` in flight, each index once, taken in
 * order as a slot frees up. Rejects with the first failure (the other runs in flight still finish).
 */
export async function runPool(
  count: number,
  concurrency: number,
  work: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < count) {
      const index = next++
      await work(index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane))
}
