/** Serialising async work by key: a settlement per authorization, a send per signer. */

/** Runs functions one at a time per key, in call order; different keys run concurrently. */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>()

  /** Runs `work` after every earlier `run` with the same key has finished (resolved or rejected). */
  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve()
    const result = previous.then(work, work)
    const tail = result.catch(() => {})
    this.tails.set(key, tail)
    // Forget the key once nothing is queued behind this run, so the map does not grow forever.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key)
    })
    return result
  }

  /** How many keys have work queued or running. */
  get size(): number {
    return this.tails.size
  }
}
