/** Whether something answers HTTP at a URL: the readiness and reachability check of every target. */

/**
 * Sends one GET to `url`. Any HTTP answer (even 404 or 402) means reachable: `undefined` is returned.
 * Otherwise returns why not, as one line (`connection refused`, `no answer within 2 s`, …).
 */
export async function unreachableReason(url: string, timeoutMs = 2000): Promise<string | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' })
    await response.body?.cancel()
    return undefined
  } catch (error) {
    return describeFetchError(error, timeoutMs)
  }
}

/**
 * Polls `url` until it answers, `stopped()` returns a reason to give up (the process exited), or
 * `timeoutMs` passes. Returns `undefined` when ready, else why not.
 */
export async function waitUntilReachable(
  url: string,
  options: { timeoutMs: number; stopped?: () => string | undefined; intervalMs?: number },
): Promise<string | undefined> {
  const deadline = Date.now() + options.timeoutMs
  let last = 'no answer yet'
  for (;;) {
    const stopped = options.stopped?.()
    if (stopped !== undefined) return stopped
    const remaining = deadline - Date.now()
    if (remaining <= 0) return `did not answer at ${url} within ${seconds(options.timeoutMs)} (${last})`
    const reason = await unreachableReason(url, Math.min(1000, remaining))
    if (reason === undefined) return undefined
    last = reason
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50))
  }
}

/** One line for a failed fetch: the socket error code where there is one. */
export function describeFetchError(error: unknown, timeoutMs?: number): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') {
      return timeoutMs === undefined ? 'request aborted' : `no answer within ${seconds(timeoutMs)}`
    }
    const cause = (error as { cause?: unknown }).cause
    if (cause instanceof Error) {
      const code = (cause as NodeJS.ErrnoException).code
      if (code === 'ECONNREFUSED') return 'connection refused'
      if (code === 'ENOTFOUND') return 'host not found'
      if (code === 'ECONNRESET') return 'connection reset'
      return code ?? cause.message.split('\n')[0]!
    }
    return error.message.split('\n')[0]!
  }
  return String(error)
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`
}
