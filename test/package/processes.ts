/** Process-tree helpers for the packaging test (Linux /proc): what a command started, and whether it is gone. */
import { readdirSync, readFileSync } from 'node:fs'

/** PIDs of every live descendant of `root` (children, their children, …). */
export function descendants(root: number): number[] {
  const parentOf = new Map<number, number>()
  for (const name of readdirSync('/proc')) {
    const pid = Number(name)
    if (!Number.isInteger(pid)) continue
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (fields[0] !== 'Z') parentOf.set(pid, Number(fields[1]))
    } catch {
      // gone while we read
    }
  }
  const found: number[] = []
  const queue = [root]
  while (queue.length > 0) {
    const current = queue.shift()!
    for (const [pid, parent] of parentOf) {
      if (parent === current && !found.includes(pid)) {
        found.push(pid)
        queue.push(pid)
      }
    }
  }
  return found
}

/** True while the PID names a live (not zombie) process. */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z'
  } catch {
    return false
  }
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
