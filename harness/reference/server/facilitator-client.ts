/**
 * How the reference server talks to its facilitator: POST /verify and /settle with a timeout, and a
 * strict reading of the answer. Anything but a 200 with a well-formed VerifyResponse/SettleResponse is
 * an `error` (the server answers 500), never mistaken for a verdict on the payment.
 */
import { formatIssues } from '../../wire/errors.ts'
import { checkSettlementResponse, checkVerifyResponse } from '../../wire/messages.ts'
import type { FacilitatorRequest, SettlementResponse, VerifyResponse, X402Version } from '../../wire/types.ts'

/**
 * A facilitator answer, or why there was none usable. `extensionResponses` is the raw value of the
 * EXTENSION-RESPONSES sidechannel when the facilitator sent one: server-internal, never forwarded to
 * the buyer (v2 core §7.2.1 after the pin).
 */
export type FacilitatorOutcome<T> =
  | { ok: true; response: T; extensionResponses?: string }
  | { ok: false; error: string }

/** The facilitator as the server sees it. */
export interface FacilitatorClient {
  verify(request: FacilitatorRequest): Promise<FacilitatorOutcome<VerifyResponse>>
  settle(request: FacilitatorRequest): Promise<FacilitatorOutcome<SettlementResponse>>
}

/** A client for the facilitator at `url` (no trailing slash). */
export function createFacilitatorClient(url: string, timeoutMs: number): FacilitatorClient {
  async function post(path: string, request: FacilitatorRequest): Promise<FacilitatorOutcome<unknown>> {
    let response: Response
    try {
      response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (error) {
      return { ok: false, error: `facilitator ${path} unreachable: ${describe(error)}` }
    }
    let text: string
    try {
      text = await response.text()
    } catch (error) {
      return { ok: false, error: `facilitator ${path} answer cut off: ${describe(error)}` }
    }
    if (response.status !== 200)
      return { ok: false, error: `facilitator ${path} answered HTTP ${response.status}` }
    const sidechannel = response.headers.get('extension-responses')
    try {
      return {
        ok: true,
        response: JSON.parse(text) as unknown,
        ...(sidechannel === null ? {} : { extensionResponses: sidechannel }),
      }
    } catch {
      return { ok: false, error: `facilitator ${path} answered something that is not JSON` }
    }
  }
  return {
    async verify(request) {
      const answer = await post('/verify', request)
      if (!answer.ok) return answer
      const checked = checkVerifyResponse(answer.response)
      return checked.ok
        ? { ...answer, response: checked.value }
        : { ok: false, error: `facilitator /verify answer is malformed: ${formatIssues(checked.issues)}` }
    },
    async settle(request) {
      const answer = await post('/settle', request)
      if (!answer.ok) return answer
      const checked = checkSettlementResponse(answer.response, request.x402Version as X402Version)
      return checked.ok
        ? { ...answer, response: checked.value }
        : { ok: false, error: `facilitator /settle answer is malformed: ${formatIssues(checked.issues)}` }
    },
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  if (error.name === 'TimeoutError') return 'timed out'
  const cause = (error as { cause?: unknown }).cause
  return cause instanceof Error ? cause.message : error.message
}
