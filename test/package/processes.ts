/** Process-tree helpers for the packaging test (Linux /proc): what a command started, and whether it is gone. */
import { hasEnded, livingProcesses, procStat } from '../../harness/processes/proc.ts'

/** PIDs of every live descendant of `root` (children, their children, …). */
export function descendants(root: number): number[] {
  const living = livingProcesses() ?? []
  const found: number[] = []
  const queue = [root]
  while (queue.length > 0) {
    const current = queue.shift()!
    for (const { pid, ppid } of living) {
      if (ppid === current && !found.includes(pid)) {
        found.push(pid)
        queue.push(pid)
      }
    }
  }
  return found
}

/** True while the PID names a live (not zombie) process. */
export function isAlive(pid: number): boolean {
  const stat = procStat(pid)
  return stat !== undefined && !hasEnded(stat)
}

/** Waits until every PID is gone or the time is up; returns those still alive. */
export async function survivorsAfter(pids: readonly number[], timeoutMs: number): Promise<number[]> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const alive = pids.filter(isAlive)
    if (alive.length === 0 || Date.now() > end) return alive
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
