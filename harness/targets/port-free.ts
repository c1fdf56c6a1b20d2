/**
 * Whether the port of a started target's URL is free before the harness starts it: a process already
 * listening there would answer in its place, and the suite would test a process it did not start.
 */
import { createServer } from 'node:net'

/** Why the URL's port cannot be used by a target the harness starts, or `undefined` when it is free. */
export async function portTaken(url: string): Promise<string | undefined> {
  const parsed = new URL(url)
  const port = Number(parsed.port || 80)
  // `localhost` may resolve to either address; a listener on either would answer.
  const hosts =
    parsed.hostname === 'localhost' ? ['127.0.0.1', '::1'] : [parsed.hostname.replace(/^\[|\]$/g, '')]
  for (const host of hosts) {
    const problem = await tryListen(host, port)
    if (problem === 'EADDRINUSE')
      return `port ${port} of ${url} is already in use: another process listens there, and --start tests only a target it starts itself (stop that process, or give a URL with a free port)`
    if (problem === 'EACCES')
      return `port ${port} of ${url} cannot be listened on here (permission denied); use a port above 1023`
    if (problem !== undefined && !(problem === 'EADDRNOTAVAIL' || problem === 'EAFNOSUPPORT'))
      return `port ${port} of ${url} cannot be listened on: ${problem}`
  }
  return undefined
}

/** Listens on `host:port` for a moment; returns the error code when that fails. */
function tryListen(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message))
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(undefined)))
  })
}
