/**
 * An MCP server started as a shell command and spoken to over its stdin/stdout (MCP stdio: one
 * JSON-RPC message per line). The command runs through `sh -c` in its own process group, registered in
 * the process registry like every command the harness starts, so the group is stopped on close, on
 * Ctrl-C and when the harness dies. Its stderr is kept for error messages and evidence.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { delimiter, dirname } from 'node:path'
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js'
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js'
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js'
import { registerProcess } from '../../processes/registry.ts'
import { OutputLog } from '../../targets/output-log.ts'

/** Options of {@link startStdioServer}. */
export interface StdioServerOptions {
  /** Environment added to the harness's own. */
  env: Record<string, string>
  /** Name in the process registry. */
  name: string
  /** Where its stderr goes (default: a log of its own). */
  output?: OutputLog
}

/** A started stdio MCP server: the transport to connect a client to, and its process. */
export interface StdioServerProcess {
  transport: Transport
  pid: number
  /** Set once it exited (`exited with code 1`, `was killed by SIGTERM`). */
  exit(): string | undefined
  /** What it wrote on stderr. */
  output: OutputLog
  /** Stops the whole process group: SIGTERM, then SIGKILL after `graceMs`. Safe to call twice. */
  stop(graceMs?: number): Promise<void>
}

/** Starts `command` with piped stdio; the transport starts reading when the MCP client connects. */
export function startStdioServer(command: string, options: StdioServerOptions): StdioServerProcess {
  const child: ChildProcess = spawn('sh', ['-c', command], {
    detached: true,
    env: {
      ...process.env,
      PATH: [dirname(process.execPath), process.env.PATH].filter(Boolean).join(delimiter),
      ...options.env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  const pid = child.pid
  if (pid === undefined) throw new Error(`could not start 'sh -c ${command}'`)
  const output = options.output ?? new OutputLog()
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => output.append(chunk))
  let exit: string | undefined
  const exited = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      exit = signal ? `was killed by ${signal}` : `exited with code ${code}`
      resolve()
    })
    child.on('error', (error) => {
      exit = `could not run: ${error.message}`
      resolve()
    })
  })

  const buffer = new ReadBuffer()
  const transport: Transport = {
    async start() {
      child.stdout?.on('data', (chunk: Buffer) => {
        buffer.append(chunk)
        for (;;) {
          let message: JSONRPCMessage | null
          try {
            message = buffer.readMessage()
          } catch (error) {
            transport.onerror?.(error instanceof Error ? error : new Error(String(error)))
            continue
          }
          if (message === null) break
          transport.onmessage?.(message)
        }
      })
      void exited.then(() => transport.onclose?.())
    },
    async send(message) {
      const stdin = child.stdin
      if (!stdin || stdin.destroyed) throw new Error(`the stdio server ${exit ?? 'closed its stdin'}`)
      await new Promise<void>((resolve, reject) =>
        stdin.write(serializeMessage(message), (error) => (error ? reject(error) : resolve())),
      )
    },
    async close() {
      await stop()
    },
  }

  let stopping: Promise<void> | undefined
  const stop = (graceMs = 1000): Promise<void> => {
    stopping ??= (async () => {
      child.stdin?.end()
      signalGroup(pid, 'SIGTERM')
      const stopped = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)])
      if (!stopped) signalGroup(pid, 'SIGKILL')
      await Promise.race([exited, sleep(500)])
      unregister()
    })()
    return stopping
  }
  const unregister = registerProcess(-pid, options.name, () => stop())
  return { transport, pid, exit: () => exit, output, stop }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal)
  } catch {
    // the group is gone already
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}
