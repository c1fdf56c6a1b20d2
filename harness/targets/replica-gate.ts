/**
 * How the copies of one started target (one per runner worker, each worker its own process) take
 * turns, through files in a directory the run made: copy 0 (on the user's URL) comes up first, the
 * others wait for it, and whoever runs on the user's port holds that port's lock until it stopped.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** Where the copies of one group meet. */
export interface ReplicaGate {
  /** A directory the run created for its workers. */
  dir: string
  /** The target group (one report). */
  group: string
}

/** A later copy does not start because the first one could not: the first one's error says why. */
export class ReplicaNotStarted extends Error {
  override name = 'ReplicaNotStarted'
}

const POLL_MS = 50

/** Records whether copy 0 came up; later copies wait for it. Only the first record counts. */
export async function markFirstCopy(gate: ReplicaGate, outcome: 'ready' | 'failed'): Promise<void> {
  await writeFile(file(gate, 'first'), outcome, { flag: 'wx' }).catch(() => {})
}

/** Waits until copy 0 came up (`ready`) or gave up (`failed`); `failed` too after `timeoutMs`. */
export async function firstCopyOutcome(gate: ReplicaGate, timeoutMs: number): Promise<'ready' | 'failed'> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const text = await readFile(file(gate, 'first'), 'utf8').catch(() => '')
    if (text === 'ready' || text === 'failed') return text
    if (Date.now() > deadline) return 'failed'
    await sleep(POLL_MS)
  }
}

/** Takes the lock of the user's port (waiting for its holder to stop); returns how to release it. */
export async function takeUserPort(gate: ReplicaGate, signal?: AbortSignal): Promise<() => Promise<void>> {
  const lock = file(gate, 'port')
  for (;;) {
    try {
      await mkdir(lock)
      return () => rm(lock, { recursive: true, force: true })
    } catch {
      if (signal?.aborted) throw signal.reason
      await sleep(POLL_MS)
    }
  }
}

function file(gate: ReplicaGate, what: string): string {
  return join(gate.dir, `${encodeURIComponent(gate.group)}.${what}`)
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
