/**
 * A shell command the harness starts (`--start`, client commands): run through `sh -c` in its own
 * process group, registered in the process registry (as the negative PID, i.e. the whole group, so a
 * shell's children are stopped too, even when the harness is killed), with its output kept for error
 * messages and for the evidence of the cases that ran while it wrote it.
 */

import { type ChildProcess, spawn } from 'node:child_process'
import { delimiter, dirname } from 'node:path'
import { livingProcesses } from '../processes/proc.ts'
import { registerProcess } from '../processes/registry.ts'
import { OutputLog, outputExcerpt } from './output-log.ts'

/** A started command. */
export interface CommandProcess {
  pid: number
  /** Set once the shell exited: `exited with code 1` / `killed by SIGKILL`. */
  exit(): string | undefined
  /** Resolves when the shell exits. */
  exited: Promise<void>
  /** Everything written on stdout so far (bounded). */
  stdout(): string
  /** The last lines written on stderr and stdout (servers often log on stdout). */
  tail(lines?: number): string
  /** The last lines written on stderr only (a client's stdout is its report). */
  stderrTail(lines?: number): string
  /** One line to quote when it failed: its crash's error line, else its last lines (stderr and stdout). */
  excerpt(): string
  /** The same from stderr only. */
  stderrExcerpt(): string
  /** Everything it writes, stdout and stderr interleaved, with positions. */
  output: OutputLog
  /** Stops the whole process group: SIGTERM, then SIGKILL after `graceMs`. Safe to call twice. */
  stop(graceMs?: number): Promise<void>
}

export interface StartCommandOptions {
  /** Environment added to the harness's own. */
  env: Record<string, string>
  /** Name in the process registry. */
  name: string
  /** Limit of captured stdout, bytes. Default 1 MiB. */
  maxStdout?: number
  /** Where to log its output (several processes may share one log); default a log of its own. */
  output?: OutputLog
}

const TAIL_BYTES = 16 * 1024

/**
 * PATH with the directory of the Node running the suite first, so `node` in a target command is the
 * same runtime (as under `npx`), not an older one that happens to be first on the user's PATH.
 */
function pathWithOurNode(): string {
  return [dirname(process.execPath), process.env.PATH].filter(Boolean).join(delimiter)
}

/** Starts `command` through `sh -c`. Throws only when the shell itself cannot be spawned. */
export function startCommand(command: string, options: StartCommandOptions): CommandProcess {
  const child: ChildProcess = spawn('sh', ['-c', command], {
    detached: true,
    env: { ...process.env, PATH: pathWithOurNode(), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const pid = child.pid
  if (pid === undefined) throw new Error(`could not start 'sh -c ${command}'`)

  let stdout = ''
  let tail = ''
  let stderrTail = ''
  const maxStdout = options.maxStdout ?? 1024 * 1024
  const output = options.output ?? new OutputLog()
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    if (stdout.length < maxStdout) stdout += chunk.slice(0, maxStdout - stdout.length)
    tail = (tail + chunk).slice(-TAIL_BYTES)
    output.append(chunk)
  })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-TAIL_BYTES)
    output.append(chunk)
    stderrTail = (stderrTail + chunk).slice(-TAIL_BYTES)
  })

  // 'exit' can come before the last of stdout is read (a client's one-line report, a large one under
  // load): wait for the pipe's end too, but not for a child of the shell that still holds it open.
  const stdoutEnded = new Promise<void>((resolve) => {
    if (!child.stdout) resolve()
    child.stdout?.once('end', resolve).once('close', resolve)
  })
  let exit: string | undefined
  const exited = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      exit = signal ? `was killed by ${signal}` : `exited with code ${code}`
      void Promise.race([stdoutEnded, sleep(STDOUT_DRAIN_MS)]).then(() => resolve())
    })
    child.on('error', (error) => {
      exit = `could not run: ${error.message}`
      resolve()
    })
  })

  let stopping: Promise<void> | undefined
  const stop = (graceMs = 2000): Promise<void> => {
    stopping ??= (async () => {
      signalGroup(pid, 'SIGTERM')
      const deadline = Date.now() + graceMs
      while (groupAlive(pid) && Date.now() < deadline) await sleep(25)
      if (groupAlive(pid)) signalGroup(pid, 'SIGKILL')
      await Promise.race([exited, sleep(500)])
      unregister()
    })()
    return stopping
  }
  const unregister = registerProcess(-pid, options.name, () => stop())

  return {
    pid,
    exit: () => exit,
    exited,
    stdout: () => stdout,
    tail: (lines = 5) => lastLines(tail, lines),
    stderrTail: (lines = 5) => lastLines(stderrTail, lines),
    excerpt: () => outputExcerpt(tail),
    stderrExcerpt: () => outputExcerpt(stderrTail),
    output,
    stop,
  }
}

/**
 * Whether any process of the group `pgid` is still alive. Zombies do not count: a shell's child that
 * outlived the shell is re-parented to PID 1, which may reap it late, and a zombie is already dead.
 */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0)
  } catch {
    return false
  }
  const living = livingMembers(pgid)
  return living === undefined || living > 0
}

/** Non-zombie processes of a group, read from /proc; `undefined` where there is no /proc. */
function livingMembers(pgid: number): number | undefined {
  return livingProcesses()?.filter((stat) => stat.pgrp === pgid).length
}

/** How long an exited command's stdout may take to drain (a held-open pipe must not hang us). */
const STDOUT_DRAIN_MS = 2000

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal)
  } catch {
    // the group is gone already
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

function lastLines(text: string, count: number): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '')
    .slice(-count)
    .join('\n')
}
