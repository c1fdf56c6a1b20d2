/**
 * Checks made once, before any worker starts, so that a run that cannot work says why in one line
 * (not once per worker, not after a silent wait): the devnet given with `--rpc`, a target or driver
 * URL that must already answer, and the free port a `--start` target must listen on.
 */
import { connectDevnet } from '../../harness/devnet/connect.ts'
import { portTaken } from '../../harness/targets/port-free.ts'
import { unreachableReason } from '../../harness/targets/reachable.ts'
import type { RunTarget } from './run-target.ts'

/** Why the devnet at `rpcUrl` cannot be used, or `undefined`. */
export async function devnetProblem(rpcUrl: string): Promise<string | undefined> {
  const unreachable = await unreachableReason(rpcUrl)
  if (unreachable !== undefined) return `the devnet given with --rpc ${rpcUrl} is unreachable: ${unreachable}`
  try {
    await connectDevnet(rpcUrl)
    return undefined
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!
    return `--rpc ${rpcUrl}: ${message}`
  }
}

/** Why the target cannot be run, or `undefined`. */
export async function targetProblem(run: RunTarget): Promise<string | undefined> {
  if (run.precheck !== undefined) {
    const unreachable = await unreachableReason(run.precheck)
    if (unreachable !== undefined) return `target ${run.precheck} is unreachable: ${unreachable}`
  }
  if (run.target.kind === 'start' && run.target.url !== undefined) return portTaken(run.target.url)
  return undefined
}
