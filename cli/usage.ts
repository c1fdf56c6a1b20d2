/** A mistake in how the command was called: printed as one line, exit code 2, never a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** Parses a TCP port argument. */
export function parsePort(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined
  const port = Number(value)
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
    throw new UsageError(`${flag} must be a port number between 1 and 65535, got '${value}'`)
  }
  return port
}
