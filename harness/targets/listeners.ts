/**
 * Which TCP ports a process group listens on, read from /proc (Linux): how the harness knows that what
 * answers at a started target's URL is the process it started, and not another one that holds the port.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs'
import { livingProcesses } from '../processes/proc.ts'

/** TCP ports the living processes of group `pgid` listen on; `undefined` where there is no /proc. */
export function groupListeningPorts(pgid: number): Set<number> | undefined {
  const byInode = listeningSockets()
  if (byInode === undefined) return undefined
  const ports = new Set<number>()
  for (const pid of groupMembers(pgid)) {
    let fds: string[]
    try {
      fds = readdirSync(`/proc/${pid}/fd`)
    } catch {
      continue // exited meanwhile
    }
    for (const fd of fds) {
      let link: string
      try {
        link = readlinkSync(`/proc/${pid}/fd/${fd}`)
      } catch {
        continue
      }
      const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1]
      const port = inode === undefined ? undefined : byInode.get(inode)
      if (port !== undefined) ports.add(port)
    }
  }
  return ports
}

/** Listening TCP sockets (IPv4 and IPv6) by inode, with their local port. */
function listeningSockets(): Map<string, number> | undefined {
  const sockets = new Map<string, number>()
  let found = false
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string
    try {
      text = readFileSync(table, 'utf8')
    } catch {
      continue
    }
    found = true
    for (const line of text.split('\n').slice(1)) {
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
      const fields = line.trim().split(/\s+/)
      if (fields[3] !== '0A' || fields[9] === undefined) continue // 0A: LISTEN
      sockets.set(fields[9], Number.parseInt(fields[1]?.split(':')[1] ?? '', 16))
    }
  }
  return found ? sockets : undefined
}

/** PIDs of the living processes of group `pgid`. */
function groupMembers(pgid: number): number[] {
  return (livingProcesses() ?? []).filter((stat) => stat.pgrp === pgid).map((stat) => stat.pid)
}
