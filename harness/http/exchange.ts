/**
 * One HTTP request by the suite, recorded as evidence with its x402 headers decoded. A target that does
 * not answer in time is a finding about the target (CheckFailure); one that cannot be reached at all is
 * `TargetUnavailable` (the run's environment, not conformance).
 */
import type { EvidenceRecorder } from '../model/evidence.ts'
import type { HttpEvidence } from '../model/result.ts'
import { CheckFailure, TargetUnavailable } from '../model/verdict.ts'
import { decodeX402Headers } from '../wire/index.ts'

export interface HttpRequest {
  method?: string
  url: string
  headers?: Record<string, string>
  body?: string
  /** What this request is, in the evidence (e.g. "paid retry"). */
  label?: string
  /** Default 10 s. */
  timeoutMs?: number
  signal?: AbortSignal
}

export interface HttpResponse {
  status: number
  /** Lower-case header names. */
  headers: Record<string, string>
  body: string
  durationMs: number
}

/** Bodies larger than this are cut in the evidence (not in the returned response). */
const EVIDENCE_BODY_LIMIT = 16_384

export async function httpExchange(evidence: EvidenceRecorder, request: HttpRequest): Promise<HttpResponse> {
  const method = request.method ?? 'GET'
  const headers = request.headers ?? {}
  const timeoutMs = request.timeoutMs ?? 10_000
  const item: HttpEvidence = {
    kind: 'http',
    ...(request.label ? { label: request.label } : {}),
    request: {
      method,
      url: request.url,
      headers,
      ...(request.body === undefined ? {} : { body: clip(request.body) }),
    },
  }
  const requestDecoded = decodeX402Headers(headers)
  const started = performance.now()
  const signals = [AbortSignal.timeout(timeoutMs), ...(request.signal ? [request.signal] : [])]
  try {
    const response = await fetch(request.url, {
      method,
      headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      redirect: 'manual',
      signal: AbortSignal.any(signals),
    })
    const body = await response.text()
    const durationMs = Math.round(performance.now() - started)
    const responseHeaders = Object.fromEntries(response.headers.entries())
    item.response = { status: response.status, headers: responseHeaders, body: clip(body) }
    item.decoded = { request: requestDecoded, response: decodeX402Headers(responseHeaders, { body }) }
    item.durationMs = durationMs
    evidence.add(item)
    return { status: response.status, headers: responseHeaders, body, durationMs }
  } catch (error) {
    item.durationMs = Math.round(performance.now() - started)
    item.error = describeFetchError(error)
    item.decoded = { request: requestDecoded }
    evidence.add(item)
    if (request.signal?.aborted) throw request.signal.reason
    if (isTimeout(error)) {
      throw new CheckFailure(`the target did not answer ${method} ${request.url} within ${timeoutMs} ms`, {
        expected: 'an HTTP response',
        seen: 'no response (timeout)',
      })
    }
    throw new TargetUnavailable(`could not reach ${request.url}: ${item.error}`)
  }
}

function clip(text: string): string {
  return text.length > EVIDENCE_BODY_LIMIT
    ? `${text.slice(0, EVIDENCE_BODY_LIMIT)}… (${text.length} bytes)`
    : text
}

function isTimeout(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'TimeoutError'
}

/** fetch() wraps the socket error in `cause`; that is the part worth showing. */
export function describeFetchError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause
    if (cause instanceof Error) {
      const code = (cause as Error & { code?: string }).code
      return code ? `${code} (${cause.message})` : cause.message
    }
    return error.message
  }
  return String(error)
}
