/**
 * `--start "<cmd>"` for servers and facilitators: the harness starts the target with the devnet
 * environment (PORT included), waits until its URL answers or the process exits, and stops it at the end.
 */
import type { TargetEnvironment } from '../devnet/environment.ts'
import { TargetUnavailable } from '../model/verdict.ts'
import { startCommand } from './process.ts'
import { waitUntilReachable } from './reachable.ts'
import type { AttachedTarget } from './types.ts'

export interface StartTargetOptions {
  /** Where the started target must answer (its port is the environment's PORT). */
  url: string
  environment: TargetEnvironment
  /** How long to wait for the first answer. */
  readyTimeoutMs: number
}

/** Starts a server or facilitator command and returns once it answers at `url`. */
export async function startTarget(command: string, options: StartTargetOptions): Promise<AttachedTarget> {
  const env: Record<string, string> = { ...options.environment }
  const started = startCommand(command, { env, name: `target:${options.url}` })
  const notReady = await waitUntilReachable(options.url, {
    timeoutMs: options.readyTimeoutMs,
    stopped: () => {
      const exit = started.exit()
      return exit === undefined ? undefined : `${exit} before answering at ${options.url}`
    },
  })
  if (notReady !== undefined) {
    const stillRunning = started.exit() === undefined
    await started.stop()
    const tail = started.tail()
    const hint = stillRunning && env.PORT !== undefined ? ` (does it listen on $PORT, here ${env.PORT}?)` : ''
    throw new TargetUnavailable(
      `target command '${command}' ${notReady}${hint}${tail === '' ? '' : `; last output: ${oneLine(tail)}`}`,
    )
  }
  return {
    kind: 'start',
    label: command,
    url: options.url,
    environment: options.environment,
    problem() {
      const exit = started.exit()
      if (exit === undefined) return undefined
      const tail = started.tail(3)
      return `the target process ${exit}${tail === '' ? '' : `; last output: ${oneLine(tail)}`}`
    },
    stop: () => started.stop(),
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
