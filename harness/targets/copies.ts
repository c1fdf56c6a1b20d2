/**
 * The copies of a started server or facilitator, one per runner worker. Copy 0 listens on the user's
 * URL; copy k on a port of its own (PORT tells it which). Later copies start only once copy 0 is up, so
 * a first copy that cannot start is reported once; a later copy that cannot come up on its own port
 * (a target that fixes its port, whatever $PORT says) waits for the user's port and runs there, after
 * the copy before it stopped: one copy at a time.
 */
import type { TargetEnvironment } from '../devnet/environment.ts'
import { portTaken } from './port-free.ts'
import {
  firstCopyOutcome,
  markFirstCopy,
  type ReplicaGate,
  ReplicaNotStarted,
  takeUserPort,
} from './replica-gate.ts'
import { startTarget } from './start.ts'
import type { AttachedTarget } from './types.ts'

export interface CopyOptions {
  /** The URL the user gave. */
  url: string
  /** This copy's port; `undefined` for the user's URL. */
  port?: number
  replica: number
  gate?: ReplicaGate
  /** The environment for a copy listening on `port`. */
  environment: (port: number) => TargetEnvironment
  readyTimeoutMs: number
}

/** Time a later copy waits for copy 0 beyond its ready timeout (copy 0 boots its devnet first). */
const FIRST_COPY_GRACE_MS = 60_000

/** Starts this worker's copy of the target. */
export async function startCopy(command: string, options: CopyOptions): Promise<AttachedTarget> {
  const own = options.port === undefined ? options.url : withPort(options.url, options.port)
  const start = (url: string, elsewhereGraceMs?: number) =>
    startTarget(command, {
      url,
      environment: options.environment(portOf(url)),
      readyTimeoutMs: options.readyTimeoutMs,
      ...(elsewhereGraceMs === undefined ? {} : { elsewhereGraceMs }),
    })
  const gate = options.gate
  if (gate === undefined) return start(own)
  if (options.replica === 0) return onUserPort(gate, () => start(options.url), true)

  const first = await firstCopyOutcome(gate, options.readyTimeoutMs + FIRST_COPY_GRACE_MS)
  if (first === 'failed') throw new ReplicaNotStarted('the first copy of the target did not start')
  try {
    // Copy 0 came up with this command, so a copy that listens elsewhere fixes its port: no grace.
    return await start(own, 0)
  } catch (error) {
    // What differs from copy 0 is the port.
    const why = error instanceof Error ? error.message : String(error)
    const target = await onUserPort(gate, () => startOnceFree(options.url, () => start(options.url)), false)
    target.notice =
      `a copy of the target on port ${portOf(own)} (PORT=${portOf(own)}) did not come up (${why}); ` +
      `the target seems to fix its own port, so its copies ran one after another on port ${portOf(options.url)} ` +
      '(--workers 1 starts only one)'
    return target
  }
}

/** Runs `start` holding the user's port until the target stopped. */
async function onUserPort(
  gate: ReplicaGate,
  start: () => Promise<AttachedTarget>,
  first: boolean,
): Promise<AttachedTarget> {
  const release = await takeUserPort(gate)
  let target: AttachedTarget
  try {
    target = await start()
  } catch (error) {
    if (first) await markFirstCopy(gate, 'failed')
    await release()
    throw error
  }
  if (first) await markFirstCopy(gate, 'ready')
  let stopped: Promise<void> | undefined
  return {
    ...target,
    problem: () => target.problem(),
    stop() {
      stopped ??= target.stop().finally(release)
      return stopped
    },
  }
}

/** Gives a copy of ours that is still stopping a moment to free the user's port, then starts. */
async function startOnceFree(url: string, start: () => Promise<AttachedTarget>): Promise<AttachedTarget> {
  const deadline = Date.now() + FREE_WAIT_MS
  while ((await portTaken(url)) !== undefined && Date.now() < deadline) await sleep(50)
  return start()
}

const FREE_WAIT_MS = 3000

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

function withPort(url: string, port: number): string {
  const copy = new URL(url)
  copy.port = String(port)
  return copy.href
}

function portOf(url: string): number {
  return Number(new URL(url).port || 80)
}
