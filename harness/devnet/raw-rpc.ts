/**
 * One JSON-RPC call to anvil with plain fetch: for the paths that run before viem is loaded (booting
 * from the pre-built state, saving it).
 */
export async function anvilRpc(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  }).catch((error: unknown) => {
    // fetch says only "fetch failed"; the reason (refused, a port fetch will not use, …) is its cause.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error)
    throw new Error(`anvil at ${url} cannot be reached: ${cause}`)
  })
  const body = (await response.json()) as { result?: unknown; error?: { message?: string } }
  if (body.error) throw new Error(`anvil ${method}: ${body.error.message ?? 'failed'}`)
  return body.result
}
