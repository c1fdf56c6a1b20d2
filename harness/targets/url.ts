/** A target that is already running at a URL: checked reachable once, never started or stopped. */
import { TargetUnavailable } from '../model/verdict.ts'
import { unreachableReason } from './reachable.ts'
import type { AttachedTarget } from './types.ts'

/** Checks that `url` answers HTTP; throws `TargetUnavailable` with one line saying why not. */
export async function attachUrl(url: string): Promise<AttachedTarget> {
  const unreachable = await unreachableReason(url)
  if (unreachable !== undefined) throw new TargetUnavailable(`target ${url} is unreachable: ${unreachable}`)
  return { kind: 'url', label: url, url, problem: () => undefined, stop: async () => {} }
}
