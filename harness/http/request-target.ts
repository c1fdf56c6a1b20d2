/**
 * One HTTP/1.1 request with a request target sent byte for byte as given (node:http, no URL parsing):
 * `%2F`, dot-segments, `\`, `;` and absolute-form (`GET http://host/paid HTTP/1.1`) reach the server as
 * written, where fetch() would normalise them first. Recorded as evidence like `httpExchange`.
 */
import { request as httpRequest } from 'node:http'
import type { EvidenceRecorder } from '../model/evidence.ts'
import type { HttpEvidence } from '../model/result.ts'
import { decodeX402Headers } from '../wire/index.ts'
import type { HttpResponse } from './exchange.ts'

export interface RequestTargetOptions {
  /** `http://host:port` of the server. */
  origin: string
  /** The request target, exactly as it goes on the request line. */
  target: string
  method?: string
  headers?: Record<string, string>
  label?: string
  /** Default 10 s. */
  timeoutMs?: number
}

/** The answer, or why there was none (a closed connection, a timeout): both are evidence. */
export type RequestTargetResult = { ok: true; response: HttpResponse } | { ok: false; error: string }

/** Sends one request for `target` on a fresh connection and reads the whole answer. Never throws. */
export async function requestTarget(
  evidence: EvidenceRecorder,
  options: RequestTargetOptions,
): Promise<RequestTargetResult> {
  const method = options.method ?? 'GET'
  const headers = options.headers ?? {}
  const origin = new URL(options.origin)
  const item: HttpEvidence = {
    kind: 'http',
    ...(options.label ? { label: options.label } : {}),
    request: { method, url: `${options.origin} ${options.target}`, headers },
  }
  const started = performance.now()
  const result = await new Promise<RequestTargetResult>((resolve) => {
    const request = httpRequest(
      {
        host: origin.hostname.replace(/^\[(.*)\]$/, '$1'), // an IPv6 literal without its brackets
        port: Number(origin.port || 80),
        method,
        path: options.target,
        headers: { host: origin.host, connection: 'close', ...headers },
        agent: false,
        timeout: options.timeoutMs ?? 10_000,
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('error', (error) => resolve({ ok: false, error: error.message }))
        response.on('end', () => {
          const responseHeaders: Record<string, string> = {}
          for (const [name, value] of Object.entries(response.headers))
            if (value !== undefined) responseHeaders[name] = Array.isArray(value) ? value.join(', ') : value
          resolve({
            ok: true,
            response: {
              status: response.statusCode ?? 0,
              headers: responseHeaders,
              body: Buffer.concat(chunks).toString('utf8'),
              durationMs: Math.round(performance.now() - started),
            },
          })
        })
      },
    )
    request.on('timeout', () => request.destroy(new Error('no answer in time')))
    request.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ ok: false, error: error.code ? `${error.code} (${error.message})` : error.message }),
    )
    request.end()
  })
  item.durationMs = Math.round(performance.now() - started)
  if (result.ok) {
    const { status, headers: responseHeaders, body } = result.response
    item.response = { status, headers: responseHeaders, body: body.slice(0, 16_384) }
    item.decoded = { response: decodeX402Headers(responseHeaders, { body }) }
  } else item.error = result.error
  evidence.add(item)
  return result
}
