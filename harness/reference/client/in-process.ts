/**
 * The reference client as an in-process target (used by `demo` and the self-test): every payment runs
 * `payForResource` in this process with the environment of that payment (its own payer key); its
 * batch-settlement channel records live in memory for the target's lifetime.
 */
import type { TargetSpec } from '../../runner/fixture.ts'
import type { X402Version } from '../../wire/types.ts'
import { memoryChannelStore } from './batch-state.ts'
import { configFromEnvironment } from './config.ts'
import { payForResource } from './pay.ts'
import type { ClientSteps } from './types.ts'

export interface ReferenceClientOptions {
  /** Protocol versions it speaks. Default both. */
  versions?: readonly X402Version[]
  /** Replaced steps (known-bad clients). */
  steps?: Partial<ClientSteps>
  /** Label in the report. */
  label?: string
}

/** An in-process target spec for the reference client (or a variation of it). */
export function referenceClientTarget(
  options: ReferenceClientOptions = {},
): Extract<TargetSpec, { kind: 'in-process' }> {
  const versions = options.versions ?? [1, 2]
  const label =
    options.label ?? `reference client (x402 ${versions.map((version) => `v${version}`).join(', ')})`
  return {
    kind: 'in-process',
    label,
    create: async () => {
      // One client instance: its batch-settlement channels persist across its payments (any payer).
      const channels = memoryChannelStore()
      return {
        pay: (url, environment) =>
          payForResource(url, configFromEnvironment(environment, versions), {
            channels,
            ...(options.steps ? { steps: options.steps } : {}),
          }),
        stop: async () => {},
      }
    },
  }
}
