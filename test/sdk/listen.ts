import type { Server } from 'node:http'
import type { Express } from 'express'

/** A server under test listening on 127.0.0.1. */
export interface RunningServer {
  url: string
  port: number
  stop(): Promise<void>
}

/** Starts an Express app on 127.0.0.1 (port 0 = any free port). */
export function listen(app: Express, port = 0): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server: Server = app.listen(port, '127.0.0.1', (error?: Error) => {
      if (error) return reject(error)
      const address = server.address()
      if (!address || typeof address === 'string') return reject(new Error('no address'))
      resolve({
        url: `http://127.0.0.1:${address.port}`,
        port: address.port,
        stop: () =>
          new Promise<void>((done) => {
            server.closeAllConnections()
            server.close(() => done())
          }),
      })
    })
  })
}
