/**
 * Every process the harness starts is registered here, so that it is stopped on normal exit, on
 * SIGINT/SIGTERM, on an uncaught error, and (through a watchdog that notices our stdin pipe closing)
 * even when the harness itself is killed. Only registered PIDs are ever signalled.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** How a registered process is stopped gracefully; the registry falls back to SIGKILL by PID. */
export type Stopper = () => Promise<void>

interface Entry {
  pid: number
  name: string
  stop: Stopper
}

const entries = new Map<number, Entry>()
let reaper: ChildProcess | undefined
let hooksInstalled = false
let signalExitCode: number | undefined
const shutdownHooks = new Set<() => Promise<void> | void>()

/**
 * Runs `hook` before the registered processes are stopped when a signal ends the program (e.g. to
 * close servers and say goodbye). Returns a function that removes it.
 */
export function onShutdown(hook: () => Promise<void> | void): () => void {
  installHooks()
  shutdownHooks.add(hook)
  return () => shutdownHooks.delete(hook)
}

/** Exit code used after SIGINT/SIGTERM/SIGHUP. Default 128 + signal number (130 for Ctrl-C). */
export function setSignalExitCode(code: number): void {
  signalExitCode = code
}

/** Registers a started process. Returns a function that unregisters it (call after it exited). */
export function registerProcess(pid: number, name: string, stop: Stopper): () => void {
  installHooks()
  entries.set(pid, { pid, name, stop })
  reaperWrite(`add ${pid}\n`)
  return () => unregisterProcess(pid)
}

export function unregisterProcess(pid: number): void {
  if (!entries.delete(pid)) return
  reaperWrite(`del ${pid}\n`)
}

/** The processes still registered (for tests and diagnostics). */
export function registeredProcesses(): { pid: number; name: string }[] {
  return [...entries.values()].map(({ pid, name }) => ({ pid, name }))
}

/** Stops every registered process gracefully (bounded), then kills what is left. */
export async function stopAllProcesses(graceMs = 3000): Promise<void> {
  const all = [...entries.values()]
  await Promise.all(
    all.map(async (entry) => {
      await Promise.race([entry.stop().catch(() => {}), sleep(graceMs)])
      killSync(entry.pid)
      unregisterProcess(entry.pid)
    }),
  )
}

function killSync(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL')
  } catch {
    // already gone
  }
}

function reaperWrite(line: string): void {
  if (!reaper) {
    const script = fileURLToPath(new URL('./reaper.sh', import.meta.url))
    reaper = spawn('bash', [script], { stdio: ['pipe', 'ignore', 'ignore'], detached: true })
    reaper.on('error', () => {
      reaper = undefined
    })
    reaper.unref()
    const stdin = reaper.stdin
    if (stdin && 'unref' in stdin && typeof stdin.unref === 'function') stdin.unref()
  }
  reaper.stdin?.write(line)
}

function installHooks(): void {
  if (hooksInstalled) return
  hooksInstalled = true
  // Synchronous last resort: whatever is still registered when the process exits is killed.
  process.on('exit', () => {
    for (const entry of entries.values()) killSync(entry.pid)
  })
  const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => shutDown(codes[signal]))
  }
}

let shuttingDown = false

/**
 * Ends the program as a signal would: runs the shutdown hooks, stops every registered process, exits
 * with the signal exit code (or `code`). Used for SIGINT/SIGTERM/SIGHUP and when our parent has gone.
 */
export function shutDown(code: number): void {
  if (shuttingDown) return
  shuttingDown = true
  const hooks = [...shutdownHooks].map(async (hook) => hook())
  void Promise.race([Promise.allSettled(hooks), sleep(2000)])
    .then(() => stopAllProcesses(1500))
    .finally(() => process.exit(signalExitCode ?? code))
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}
