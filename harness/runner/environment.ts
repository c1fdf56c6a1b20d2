/**
 * A worker's environment: its own devnet (or the one given with `--rpc`) and the built-in facilitator
 * serving on it, started before the target and stopped after it.
 */
import { connectDevnet } from '../devnet/connect.ts'
import { startDevnet } from '../devnet/devnet.ts'
import { startFacilitator } from '../facilitator/index.ts'
import { TargetUnavailable } from '../model/verdict.ts'
import type { WorkerEnvironment } from './fixture.ts'

/** A worker environment plus how to stop what it started. */
export interface StartedEnvironment {
  environment: WorkerEnvironment
  stop(): Promise<void>
}

export interface EnvironmentOptions {
  /** Attach to this devnet instead of starting one. */
  rpcUrl?: string
  seed: number
}

/** Starts (or attaches to) the devnet, then the built-in facilitator on it. */
export async function startWorkerEnvironment(options: EnvironmentOptions): Promise<StartedEnvironment> {
  let devnet: WorkerEnvironment['devnet']
  if (options.rpcUrl !== undefined) {
    try {
      devnet = await connectDevnet(options.rpcUrl)
    } catch (error) {
      throw new TargetUnavailable(firstLine(error))
    }
  } else {
    try {
      devnet = await startDevnet()
    } catch (error) {
      throw new TargetUnavailable(`the devnet did not start: ${firstLine(error)}`)
    }
  }
  try {
    const facilitator = await startFacilitator({ devnet })
    return {
      environment: { devnet, facilitatorUrl: facilitator.url, facilitator, seed: options.seed },
      async stop() {
        await facilitator.stop()
        await devnet.stop()
      },
    }
  } catch (error) {
    await devnet.stop()
    throw new TargetUnavailable(`the built-in facilitator did not start: ${firstLine(error)}`)
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!
}
