/**
 * Notices when whoever started us goes away, so a long-running command (devnet, a run with --start)
 * stops what it started instead of living on, re-parented to init. Needed because `npx`/`npm exec`
 * do not pass TERM or INT on: `npx x402-conformance devnet & kill $!` ends npm and leaves us running
 * under npm's `sh -c` wrapper. So we watch the parent and, through `sh -c` wrappers, the first real
 * ancestor above them (npm, a CI shell, a test runner): when one of them has gone, we shut down.
 */
import { readFileSync } from 'node:fs'
import { hasEnded, procStat } from './proc.ts'

interface Watched {
  pid: number
  /** Start time from /proc (clock ticks since boot), so a reused PID is not mistaken for it. */
  startTime: string | undefined
}

/** Starts watching; calls `onGone` once when an ancestor has gone. Returns a function that stops watching. */
export function watchParent(onGone: () => void, intervalMs = 250): () => void {
  const watched = watchedAncestors(process.ppid)
  const parentAtStart = process.ppid
  let fired = false
  const timer = setInterval(() => {
    if (fired) return
    const gone = process.ppid !== parentAtStart || watched.some((entry) => !alive(entry))
    if (!gone) return
    fired = true
    clearInterval(timer)
    onGone()
  }, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}

/** The parent, plus every ancestor up to and including the first one that is not an `sh -c` wrapper. */
function watchedAncestors(parent: number): Watched[] {
  const chain: Watched[] = []
  let pid = parent
  while (pid > 1 && chain.length < 8) {
    const stat = procStat(pid)
    chain.push({ pid, startTime: stat?.startTime })
    if (!stat || !isShellWrapper(pid)) break
    pid = stat.ppid
  }
  return chain
}

function alive({ pid, startTime }: Watched): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false
  }
  if (startTime === undefined) return true
  const now = procStat(pid)
  // A zombie has ended: its parent just has not reaped it yet.
  return now !== undefined && now.startTime === startTime && !hasEnded(now)
}

/** `sh -c …` (also bash/dash): the wrapper npm exec and many tools put between themselves and us. */
function isShellWrapper(pid: number): boolean {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
    const program = argv[0]?.split('/').at(-1) ?? ''
    return ['sh', 'bash', 'dash'].includes(program) && argv[1] === '-c'
  } catch {
    return false
  }
}
