/**
 * Listening on the loopback interface: every server the harness runs (facilitator, reference server,
 * client driver, paywall) binds 127.0.0.1 only, and stopping one must not wait for keep-alive sockets.
 */
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** The only interface the harness listens on. */
export const LOOPBACK = '127.0.0.1'

/** A server listening on 127.0.0.1. */
export interface Listening {
  port: number
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  origin: string
  /** Stops listening and closes every open connection. Safe to call twice (the same promise). */
  close(): Promise<void>
}

/** Starts `server` listening on 127.0.0.1 (port 0: a free one); rejects when it cannot bind. */
export function listenOnLoopback(server: Server, port = 0): Promise<Listening> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, LOOPBACK, () => {
      server.off('error', reject)
      const bound = (server.address() as AddressInfo).port
      let closing: Promise<void> | undefined
      resolve({
        port: bound,
        origin: `http://${LOOPBACK}:${bound}`,
        close() {
          closing ??= new Promise<void>((done) => {
            server.close(() => done())
            server.closeAllConnections()
          })
          return closing
        },
      })
    })
  })
}
