/** The paywall's records as report evidence: each request as an HTTP exchange, each settlement as a facilitator call. */
import type { FacilitatorCallEvidence, HttpEvidence } from '../../model/result.ts'
import { decodeX402Headers } from '../../wire/index.ts'
import type { PaywallRequest } from './types.ts'

/** Bodies larger than this are cut in the evidence. */
const EVIDENCE_BODY_LIMIT = 16_384
/** Header values larger than this are cut in the evidence (hostile cases send huge ones). */
const EVIDENCE_HEADER_LIMIT = 8_192

/** One received request and the paywall's answer, as the report shows an HTTP exchange. */
export function requestEvidence(request: PaywallRequest, label?: string): HttpEvidence {
  const reply = request.reply
  const item: HttpEvidence = {
    kind: 'http',
    label:
      label ?? `client → paywall #${request.seq}${request.origin === 'foreign' ? ' (foreign origin)' : ''}`,
    request: {
      method: request.method,
      url: request.url,
      headers: clipHeaders(request.headers),
      ...(request.body === '' ? {} : { body: clip(request.body, EVIDENCE_BODY_LIMIT) }),
    },
    decoded: { request: request.decoded },
  }
  if (reply === undefined) return { ...item, error: 'no answer recorded' }
  if (reply.drop)
    return { ...item, error: 'connection dropped by the paywall (request limit of the endpoint reached)' }
  const headers = Object.fromEntries(
    Object.entries(reply.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  )
  return {
    ...item,
    response: {
      status: reply.status,
      headers: clipHeaders(headers),
      body: clip(reply.body ?? '', EVIDENCE_BODY_LIMIT),
    },
    decoded: { request: request.decoded, response: decodeSmall(headers, reply.body ?? '') },
  }
}

/** Decodes the x402 headers of a reply, leaving out values too large to keep in a report. */
function decodeSmall(headers: Record<string, string>, body: string): Record<string, unknown> {
  const small = Object.fromEntries(
    Object.entries(headers).filter(([, value]) => value.length <= EVIDENCE_HEADER_LIMIT),
  )
  const large = Object.keys(headers).filter((name) => !Object.hasOwn(small, name))
  const decoded: Record<string, unknown> = {
    ...decodeX402Headers(small, { body: clip(body, EVIDENCE_BODY_LIMIT) }),
  }
  if (large.length > 0) decoded.omitted = `not decoded here (too large for the report): ${large.join(', ')}`
  return decoded
}

/** The settlement made while answering `request`, as a facilitator call. */
export function settlementEvidence(request: PaywallRequest): FacilitatorCallEvidence | undefined {
  const settlement = request.settlement
  if (settlement === undefined) return undefined
  return {
    kind: 'facilitator-call',
    endpoint: 'settle',
    request: settlement.request,
    ...(settlement.response === undefined
      ? { response: { error: settlement.error } }
      : { response: settlement.response }),
    at: new Date(request.at).toISOString(),
  }
}

function clipHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, clip(value, EVIDENCE_HEADER_LIMIT)]),
  )
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} bytes)` : text
}
