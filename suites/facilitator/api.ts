/**
 * The facilitator under test as the suite's resource server sees it: POST /verify, POST /settle and
 * GET /supported over HTTP, every exchange recorded as evidence (harness/http/exchange.ts). Answers
 * are returned whatever their status; the body is typed only when it has the response's shape, so a
 * case can tell "refused with isValid false" from "refused with an HTTP error".
 */
import { type HttpResponse, httpExchange } from '../../harness/http/exchange.ts'
import type { EvidenceRecorder } from '../../harness/model/evidence.ts'
import type { SettlementResponse, SupportedResponse, VerifyResponse } from '../../harness/wire/types.ts'

/** One answer of the facilitator. */
export interface FacilitatorAnswer<T> {
  status: number
  /** The body as JSON, or `undefined` when it is not JSON. */
  json: unknown
  /** The body when it has the response's key field (`isValid`, `success`, `kinds`) with the right type. */
  body: T | undefined
  /** The raw exchange (headers, text, duration). */
  http: HttpResponse
}

/** A raw request to any path of the facilitator (malformed bodies, wrong methods). */
export interface RawRequest {
  method: string
  path: string
  body?: string
  headers?: Record<string, string>
  label?: string
}

/** The facilitator's three endpoints plus raw access, bound to one case's evidence and signal. */
export interface FacilitatorClient {
  /** Base URL of the facilitator (no trailing slash). */
  url: string
  verify(request: unknown, label?: string): Promise<FacilitatorAnswer<VerifyResponse>>
  /**
   * POST /settle, and again (as a reconciling server would, v2 core §9) while the answer is
   * `settlement_pending`: the answer returned is the first terminal one, or the last pending one.
   */
  settle(request: unknown, label?: string): Promise<FacilitatorAnswer<SettlementResponse>>
  /** POST /settle once, whatever it answers (the case that judges settlement_pending itself). */
  settleOnce(request: unknown, label?: string): Promise<FacilitatorAnswer<SettlementResponse>>
  supported(label?: string): Promise<FacilitatorAnswer<SupportedResponse>>
  raw(request: RawRequest): Promise<HttpResponse>
}

/** How often a pending settle is settled again, and how long apart, before the answer stands. */
export const RECONCILE_ATTEMPTS = 6
export const RECONCILE_SPACING_MS = 250

/** A settle answer that is not over: success false, `settlement_pending`. */
export const isPending = (answer: FacilitatorAnswer<SettlementResponse>): boolean =>
  answer.body?.success === false && answer.body.errorReason === 'settlement_pending'

/** Settle waits for a mined transaction; give it longer than the default 10 s. */
const SETTLE_TIMEOUT_MS = 30_000

/** A client of the facilitator at `url` recording into `evidence`. */
export function facilitatorClient(
  url: string,
  evidence: EvidenceRecorder,
  signal?: AbortSignal,
): FacilitatorClient {
  const base = url.replace(/\/+$/, '')
  const raw = (request: RawRequest): Promise<HttpResponse> =>
    httpExchange(evidence, {
      method: request.method,
      url: `${base}${request.path}`,
      ...(request.headers === undefined ? {} : { headers: request.headers }),
      ...(request.body === undefined ? {} : { body: request.body }),
      ...(request.label === undefined ? {} : { label: request.label }),
      ...(request.path === '/settle' ? { timeoutMs: SETTLE_TIMEOUT_MS } : {}),
      ...(signal === undefined ? {} : { signal }),
    })
  const post = async (path: '/verify' | '/settle', request: unknown, label?: string) =>
    raw({
      method: 'POST',
      path,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(request),
      ...(label === undefined ? {} : { label }),
    })
  return {
    url: base,
    async verify(request, label) {
      return answerOf(await post('/verify', request, label ?? 'verify'), 'isValid')
    },
    async settle(request, label) {
      const name = label ?? 'settle'
      let answer = answerOf<SettlementResponse>(await post('/settle', request, name), 'success')
      for (let attempt = 1; attempt <= RECONCILE_ATTEMPTS && isPending(answer); attempt++) {
        await new Promise((resolve) => setTimeout(resolve, RECONCILE_SPACING_MS))
        if (signal?.aborted) break
        const again = `${name}: again (${attempt}) after settlement_pending`
        answer = answerOf<SettlementResponse>(await post('/settle', request, again), 'success')
      }
      return answer
    },
    async settleOnce(request, label) {
      return answerOf(await post('/settle', request, label ?? 'settle'), 'success')
    },
    async supported(label) {
      const http = await raw({
        method: 'GET',
        path: '/supported',
        headers: { accept: 'application/json' },
        label: label ?? 'supported',
      })
      const answer = answerOf<SupportedResponse>(http, undefined)
      const kinds = isRecord(answer.json) ? answer.json.kinds : undefined
      return { ...answer, body: Array.isArray(kinds) ? (answer.json as SupportedResponse) : undefined }
    },
    raw,
  }
}

function answerOf<T>(
  http: HttpResponse,
  booleanKey: 'isValid' | 'success' | undefined,
): FacilitatorAnswer<T> {
  let json: unknown
  try {
    json = http.body === '' ? undefined : JSON.parse(http.body)
  } catch {
    json = undefined
  }
  const typed = booleanKey !== undefined && isRecord(json) && typeof json[booleanKey] === 'boolean'
  return { status: http.status, json, body: typed ? (json as T) : undefined, http }
}

/** Whether `value` is a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The answer in one line for a failure message: status and body (cut). */
export function describeAnswer(answer: { status: number; http: HttpResponse }): string {
  const body = answer.http.body.length > 300 ? `${answer.http.body.slice(0, 300)}…` : answer.http.body
  return `HTTP ${answer.status} ${body}`
}
