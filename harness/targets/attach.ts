/**
 * Attaches the target a worker tests, however the user named it: checks a URL, starts a command (on
 * this worker's own port when replicated), connects a driver, or creates an in-process implementation.
 */

import { targetEnvironment } from '../devnet/environment.ts'
import { freePort } from '../devnet/ports.ts'
import type { Role } from '../model/result.ts'
import type { TargetSpec, WorkerEnvironment } from '../runner/fixture.ts'
import { commandClient } from './client-command.ts'
import { attachDriver } from './driver.ts'
import { attachInProcess } from './in-process.ts'
import { startTarget } from './start.ts'
import type { AttachedTarget } from './types.ts'
import { attachUrl } from './url.ts'

export interface AttachOptions {
  role: Role
  environment: WorkerEnvironment
  /** 0 for the first worker; later replicas of a started target listen on free ports. */
  replica: number
  /** How long a started target has to answer. Default 30 s. */
  readyTimeoutMs?: number
}

/** Whether several workers can each have their own copy of the target. */
export function isReplicable(spec: TargetSpec): boolean {
  return spec.kind === 'start' || spec.kind === 'in-process'
}

/** Attaches the target; throws `TargetUnavailable` (one line) when it cannot be used. */
export async function attachTarget(spec: TargetSpec, options: AttachOptions): Promise<AttachedTarget> {
  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000
  const facilitatorUrl = options.environment.facilitatorUrl
  switch (spec.kind) {
    case 'url':
      return attachUrl(spec.url)
    case 'driver':
      return attachDriver(spec.url)
    case 'in-process':
      return attachInProcess(
        spec.label,
        spec.create,
        targetEnvironment(options.environment.devnet, { facilitatorUrl }),
        readyTimeoutMs,
      )
    case 'start': {
      if (options.role === 'client' || spec.url === undefined) {
        return commandClient(spec.command, targetEnvironment(options.environment.devnet, { facilitatorUrl }))
      }
      const url = options.replica === 0 ? new URL(spec.url) : await onFreePort(spec.url)
      const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
      const environment = targetEnvironment(options.environment.devnet, { facilitatorUrl, port })
      return startTarget(spec.command, { url: url.href, environment, readyTimeoutMs })
    }
  }
}

async function onFreePort(url: string): Promise<URL> {
  const replica = new URL(url)
  replica.port = String(await freePort())
  return replica
}
