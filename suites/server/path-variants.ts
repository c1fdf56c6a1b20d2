/**
 * Spellings of the paid resource's path that many routers resolve to the same handler: the variants
 * behind the paywall bypasses fixed upstream in 2026 (x402-foundation #3036 %2F, #3055 dot-segments,
 * #3044 case, #3116 trailing slash, #3542/#3543 `;` and backslash, #3577 absolute-form …). Each is sent
 * as written (harness/http/request-target.ts), so nothing between the suite and the server rewrites it.
 */

/** One spelling of the paid path. */
export interface PathVariant {
  /** Short permanent name, shown in the evidence. */
  name: string
  /** The request target, exactly as it goes on the request line. */
  target: string
}

/** The name of the variant that says `GET http://host/paid HTTP/1.1`. */
export const ABSOLUTE_FORM = 'absolute-form'

/**
 * The variants of `url`'s path (its query kept on each), without duplicates and without the canonical
 * spelling itself. `url` is the paid resource as the user named it.
 */
export function pathVariants(url: string): PathVariant[] {
  const parsed = new URL(url)
  const path = parsed.pathname
  const query = parsed.search
  const segments = path.split('/').slice(1)
  const last = segments.at(-1) ?? ''
  const head = segments.slice(0, -1)
  // `sep` joins the last segment to the ones before it; a one-segment path gets it in front.
  const joined = (sep: string) => (head.length > 0 ? `/${head.join('/')}${sep}${last}` : `/${sep}${last}`)
  const encodedFirst =
    last === '' ? '' : `%${last.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}${last.slice(1)}`
  const candidates: PathVariant[] = [
    { name: 'encoded-slash', target: joined('%2F') },
    { name: 'encoded-character', target: `/${[...head, encodedFirst].join('/')}` },
    { name: 'dot-segment', target: `/x402-conformance/..${path}` },
    { name: 'encoded-dot-segment', target: `/x402-conformance/%2e%2e${path}` },
    { name: 'single-dot-segment', target: `/.${path}` },
    { name: 'double-slash', target: head.length > 0 ? joined('//') : `//${last}` },
    { name: 'trailing-slash', target: `${path}/` },
    { name: 'case-changed', target: path.toUpperCase() },
    { name: 'semicolon-parameter', target: `${path};x402=1` },
    { name: 'backslash', target: joined('\\') },
    { name: 'encoded-backslash', target: joined('%5C') },
  ]
  const seen = new Set([path])
  const variants: PathVariant[] = []
  for (const candidate of candidates) {
    if (seen.has(candidate.target)) continue
    seen.add(candidate.target)
    variants.push({ name: candidate.name, target: `${candidate.target}${query}` })
  }
  // The canonical path itself, in the absolute form every HTTP/1.1 server must accept (RFC 9112 §3.2.2).
  variants.push({ name: ABSOLUTE_FORM, target: `${parsed.origin}${path}${query}` })
  return variants
}

/** A path no resource server routes, to tell a catch-all answer from the paid resource. */
export function decoyTarget(url: string, nonce: string): string {
  return `/x402-conformance-no-such-route-${nonce}${new URL(url).search}`
}

/** What one unpaid request for a variant showed. */
export type VariantFinding =
  /** Answered 402: the paywall held. */
  | 'paywalled'
  /** Answered 2xx with content, and not the catch-all answer: the paid resource served unpaid. */
  | 'bypass'
  /** Answered anything else (404, 400, a redirect, the catch-all's 2xx, no answer): not the paid route. */
  | 'not-routed'

/** An answer as far as the judgement needs it. */
export interface VariantAnswer {
  status: number
  body: string
}

/**
 * Judges one variant's unpaid answer. `decoy` is the answer to a path nothing routes: a 2xx equal to
 * it comes from a catch-all (an SPA fallback, say), not from the paid handler.
 */
export function judgeVariant(
  answer: VariantAnswer | undefined,
  decoy: VariantAnswer | undefined,
): VariantFinding {
  if (answer === undefined) return 'not-routed'
  if (answer.status === 402) return 'paywalled'
  if (answer.status < 200 || answer.status > 299 || answer.body === '') return 'not-routed'
  const catchAll =
    decoy !== undefined && decoy.status >= 200 && decoy.status <= 299 && decoy.body === answer.body
  return catchAll ? 'not-routed' : 'bypass'
}
