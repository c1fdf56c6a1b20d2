/**
 * Attaches the target a worker tests, however the user named it: checks a URL, starts a command (on
 * this worker's own port when replicated, see copies.ts), connects a driver, or creates an in-process
 * implementation.
 */

import { targetEnvironment } from '../devnet/environment.ts'
import { freePort } from '../devnet/ports.ts'
import type { Role } from '../model/result.ts'
import type { TargetSpec, WorkerEnvironment } from '../runner/fixture.ts'
import { commandClient } from './client-command.ts'
import { startCopy } from './copies.ts'
import { attachDriver } from './driver.ts'
import { attachInProcess } from './in-process.ts'
import type { ReplicaGate } from './replica-gate.ts'
import type { AttachedTarget } from './types.ts'
import { attachUrl } from './url.ts'

export interface AttachOptions {
  role: Role
  environment: WorkerEnvironment
  /** 0 for the first worker; later replicas of a started target listen on ports of their own. */
  replica: number
  /** The port of this replica's copy of a started target (default: the URL's for replica 0, else a free one). */
  port?: number
  /** Where the copies of a started target take turns (a run's workers share it). */
  gate?: ReplicaGate
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
      const port = options.port ?? (options.replica === 0 ? undefined : await freePort())
      return startCopy(spec.command, {
        url: spec.url,
        ...(port === undefined ? {} : { port }),
        replica: options.replica,
        ...(options.gate === undefined ? {} : { gate: options.gate }),
        environment: (listen) =>
          targetEnvironment(options.environment.devnet, { facilitatorUrl, port: listen }),
        readyTimeoutMs,
      })
    }
  }
}
