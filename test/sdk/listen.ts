import { createServer } from 'node:http'
import type { Express } from 'express'
import { listenOnLoopback } from '../../harness/http/listen.ts'

/** A server under test listening on 127.0.0.1. */
export interface RunningServer {
  url: string
  port: number
  stop(): Promise<void>
}

/** Starts an Express app on 127.0.0.1 (port 0 = any free port). */
export async function listen(app: Express, port = 0): Promise<RunningServer> {
  const listening = await listenOnLoopback(createServer(app), port)
  return { url: listening.origin, port: listening.port, stop: listening.close }
}
