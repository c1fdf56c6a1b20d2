/**
 * Reading Linux's /proc: a process's state, parent, group and start time. Every watcher of ours (the
 * parent watch, a started target's process group, the listeners of a group) reads the same fields.
 */
import { readdirSync, readFileSync } from 'node:fs'

export interface ProcStat {
  pid: number
  /** One letter: R running, S sleeping, Z zombie, X dead, … */
  state: string
  ppid: number
  pgrp: number
  /** Clock ticks since boot: with the PID, it names one process even when PIDs are reused. */
  startTime: string
}

/** /proc/<pid>/stat, or undefined when the process is gone or /proc is missing. */
export function procStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // pid (comm) state ppid pgrp …: comm may hold spaces and parentheses, so read after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
    return {
      pid,
      state: fields[0] ?? '',
      ppid: Number(fields[1]),
      pgrp: Number(fields[2]),
      startTime: fields[19] ?? '',
    }
  } catch {
    return undefined
  }
}

/** True for a process that has ended but not been reaped (or is being torn down). */
export function hasEnded(stat: ProcStat): boolean {
  return stat.state === 'Z' || stat.state === 'X'
}

/** Every process that has not ended; undefined where /proc cannot be read. */
export function livingProcesses(): ProcStat[] | undefined {
  let entries: string[]
  try {
    entries = readdirSync('/proc')
  } catch {
    return undefined
  }
  const living: ProcStat[] = []
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue
    const stat = procStat(Number(entry))
    if (stat && !hasEnded(stat)) living.push(stat)
  }
  return living
}
