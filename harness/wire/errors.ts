/**
 * Typed wire errors. Every problem found in a message is a `WireIssue` that names the field as a path
 * (`accepts[0].amount`, `payload.authorization.nonce`), so a conformance report can say exactly what a
 * target got wrong. Throwing decoders wrap the issues in a `WireError`; `check`/`safe` variants return
 * them as values.
 */

/**
 * What kind of problem an issue is.
 * encoding: the base64 layer (alphabet, padding, whitespace, non-canonical bits) or UTF-8.
 * json: the text is not JSON. missing: a required field is absent. type: a field has the wrong JSON type.
 * format: a string does not have the required shape (amount, address, CAIP-2, URL, hex). value: a
 * value is out of range or not the one required (wrong x402Version literal, empty accepts).
 * mismatch: two fields that must agree do not.
 */
export type WireIssueCode = 'encoding' | 'json' | 'missing' | 'type' | 'format' | 'value' | 'mismatch'

/** One problem in a wire message. `path` is `''` for the message itself. */
export interface WireIssue {
  path: string
  code: WireIssueCode
  message: string
}

/** The result of a non-throwing check or decode. `json` is the decoded JSON when only validation failed. */
export type WireResult<T> = { ok: true; value: T } | { ok: false; issues: WireIssue[]; json?: unknown }

/** A path segment as zod and our own checks produce it. */
export type PathSegment = string | number

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/** Formats `['accepts', 0, 'amount']` as `accepts[0].amount`; odd keys are quoted (`extensions["a b"]`). */
export function formatPath(path: readonly PathSegment[]): string {
  let out = ''
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`
    else out += `[${JSON.stringify(segment)}]`
  }
  return out
}

/** Builds an issue; a small helper so call sites read like the rule they enforce. */
export function issue(
  path: readonly PathSegment[] | string,
  code: WireIssueCode,
  message: string,
): WireIssue {
  return { path: typeof path === 'string' ? path : formatPath(path), code, message }
}

/** Renders issues as one line each: `accepts[0].amount: expected an atomic amount …`. */
export function formatIssues(issues: readonly WireIssue[]): string {
  return issues.map((i) => `${i.path === '' ? '(message)' : i.path}: ${i.message}`).join('; ')
}

/** Options of a `WireError`: what was being decoded and, for headers, which header. */
export interface WireErrorOptions {
  /** What was decoded, e.g. `PaymentPayload (v2)` or `PAYMENT-SIGNATURE header`. */
  subject: string
  /** The header the value came from, when it came from one. */
  header?: string
  issues: readonly WireIssue[]
  /** The decoded JSON, when decoding got that far. */
  json?: unknown
}

/** Thrown by the throwing decoders and parsers. `issues` lists every problem found, not just the first. */
export class WireError extends Error {
  override readonly name = 'WireError'
  readonly subject: string
  readonly header: string | undefined
  readonly issues: readonly WireIssue[]
  readonly json: unknown

  constructor(options: WireErrorOptions) {
    super(`${options.subject}: ${formatIssues(options.issues)}`)
    this.subject = options.subject
    this.header = options.header
    this.issues = options.issues
    this.json = options.json
  }
}

/** Returns the value of an ok result or throws a `WireError` naming `subject` (and `header`). */
export function unwrap<T>(result: WireResult<T>, subject: string, header?: string): T {
  if (result.ok) return result.value
  throw new WireError({
    subject,
    issues: result.issues,
    ...(header === undefined ? {} : { header }),
    ...('json' in result ? { json: result.json } : {}),
  })
}
