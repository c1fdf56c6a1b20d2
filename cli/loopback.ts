/**
 * URLs the suite may connect to: plain http on loopback only. The devnet and the built-in facilitator
 * live on this machine, so a target elsewhere could never settle on them, and the suite must not send
 * traffic off the machine. Checked before anything connects (no DNS lookup, no socket).
 */
import { isIPv4 } from 'node:net'
import { UsageError } from './usage.ts'

/** Whether a URL host (as `URL.hostname` gives it) is loopback: 127.0.0.0/8, `localhost`, `[::1]`. */
export function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true
  return isIPv4(hostname) && hostname.startsWith('127.')
}

/** Parses an `http://` URL on loopback; anything else is a `UsageError` saying why it is refused. */
export function parseLoopbackUrl(value: string, what: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new UsageError(`${what} must be an http:// URL on loopback, got '${value}'`)
  }
  if (url.protocol === 'https:')
    throw new UsageError(
      `${what} must be plain http:// on loopback, got '${value}': the suite speaks plain HTTP to targets on this machine, where the local devnet is`,
    )
  if (url.protocol !== 'http:')
    throw new UsageError(`${what} must be an http:// URL on loopback, got '${value}'`)
  if (!isLoopbackHost(url.hostname))
    throw new UsageError(
      `${what} must be on loopback (127.0.0.0/8, localhost, [::1]), got '${value}': the local devnet cannot be reached from there`,
    )
  return url.href
}
