/**
 * How the lax known-bad servers talk to the facilitator: POST the request and hand back the HTTP
 * status and the JSON body unchecked, so each can misread the answer in its own way.
 */
import type { StepContext } from '../../../harness/reference/server/index.ts'
import type { FacilitatorRequest } from '../../../harness/wire/types.ts'

/** The facilitator's answer as sent: status and body (undefined when it was not JSON). */
export interface RawAnswer {
  status: number
  body: Record<string, unknown> | undefined
}

/** POSTs `request` to the facilitator's `path`; undefined when the facilitator could not be reached. */
export async function postRaw(
  context: StepContext,
  path: '/verify' | '/settle',
  request: FacilitatorRequest,
): Promise<RawAnswer | undefined> {
  try {
    const response = await fetch(`${context.config.facilitatorUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(context.config.facilitatorTimeoutMs),
    })
    const text = await response.text()
    let body: Record<string, unknown> | undefined
    try {
      const json: unknown = JSON.parse(text)
      body = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : undefined
    } catch {
      body = undefined
    }
    return { status: response.status, body }
  } catch {
    return undefined
  }
}

/** The network a settlement of the server's version names. */
export function networkOf(context: StepContext): string {
  return context.config.version === 1 ? context.config.networkV1 : context.config.network
}
