/**
 * `--start "<cmd>"` for servers and facilitators: the harness checks the URL's port is free, starts the
 * target with the devnet environment (PORT included), waits until its URL answers or the process
 * exits, and stops it at the end. Its output is kept for the evidence of each case.
 */
import type { TargetEnvironment } from '../devnet/environment.ts'
import { TargetUnavailable } from '../model/verdict.ts'
import { groupListeningPorts } from './listeners.ts'
import { portTaken } from './port-free.ts'
import { startCommand } from './process.ts'
import { waitUntilReachable } from './reachable.ts'
import type { AttachedTarget } from './types.ts'

export interface StartTargetOptions {
  /** Where the started target must answer (its port is the environment's PORT). */
  url: string
  environment: TargetEnvironment
  /** How long to wait for the first answer. */
  readyTimeoutMs: number
  /**
   * How long it may listen on other ports only, not on $PORT, before the harness gives up on it
   * (default 3 s: a target may open another port before its own).
   */
  elsewhereGraceMs?: number
}

/** Default of `elsewhereGraceMs`. */
const ELSEWHERE_GRACE_MS = 3000

/** Starts a server or facilitator command and returns once it answers at `url`. */
export async function startTarget(command: string, options: StartTargetOptions): Promise<AttachedTarget> {
  const taken = await portTaken(options.url)
  if (taken !== undefined) throw new TargetUnavailable(taken)
  const env: Record<string, string> = { ...options.environment }
  const port = Number(new URL(options.url).port || 80)
  const started = startCommand(command, { env, name: `target:${options.url}` })
  const elsewhere = listeningElsewhere(started.pid, port, options.elsewhereGraceMs ?? ELSEWHERE_GRACE_MS)
  const notReady = await waitUntilReachable(options.url, {
    timeoutMs: options.readyTimeoutMs,
    stopped: () => {
      const exit = started.exit()
      if (exit !== undefined) return `${exit} before answering at ${options.url}`
      const ports = elsewhere()
      return ports === undefined
        ? undefined
        : `listens on port ${ports.join(', ')}, not on $PORT (here ${port}), so nothing answers at ${options.url}`
    },
  })
  if (notReady !== undefined) {
    const stillRunning = started.exit() === undefined
    await started.stop()
    const excerpt = started.excerpt()
    const hint =
      stillRunning && notReady.startsWith('did not answer') ? ` (does it listen on $PORT, here ${port}?)` : ''
    throw new TargetUnavailable(
      `target command '${command}' ${notReady}${hint}${excerpt === '' ? '' : `; last output: ${excerpt}`}`,
    )
  }
  return {
    kind: 'start',
    label: command,
    url: options.url,
    environment: options.environment,
    output: started.output,
    problem() {
      const exit = started.exit()
      if (exit === undefined) return undefined
      const excerpt = started.excerpt()
      return `the target process ${exit}${excerpt === '' ? '' : `; last output: ${excerpt}`}`
    },
    stop: () => started.stop(),
  }
}

/**
 * Returns a check: the ports the process group listens on once it has listened only on ports other than
 * `port` for `graceMs`, else `undefined` (also where /proc cannot tell).
 */
function listeningElsewhere(pgid: number, port: number, graceMs: number): () => number[] | undefined {
  let since: number | undefined
  return () => {
    const ports = groupListeningPorts(pgid)
    if (ports === undefined || ports.size === 0 || ports.has(port)) {
      since = undefined
      return undefined
    }
    since ??= Date.now()
    return Date.now() - since >= graceMs ? [...ports].sort((a, b) => a - b) : undefined
  }
}

/** Output lines joined into one line for a message. */
export function oneLine(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' | ')
}
