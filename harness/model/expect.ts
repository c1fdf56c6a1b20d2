/**
 * The shared verdict vocabulary: small checks that end a case with a CheckFailure naming what was
 * expected, what was seen and (optionally) the spec section. Suites build role-specific verdicts
 * (no delivery, no transfer...) on top of these.
 */
import type { SpecRef } from './result.ts'
import { CheckFailure, Informational, Skip } from './verdict.ts'

export interface CheckDetails {
  spec?: SpecRef[]
  /** Grades this check below the case level, e.g. a SHOULD inside a MUST case. */
  level?: 'MUST' | 'SHOULD' | 'MAY'
}

/** Fails unless `condition` holds. */
export function check(
  condition: boolean,
  message: string,
  details: CheckDetails & { expected?: string; seen?: string } = {},
): asserts condition {
  if (!condition) throw new CheckFailure(message, details)
}

/** Fails unless `seen` is one of `accepted` (several conformant behaviours may be allowed). */
export function checkOneOf<T>(
  seen: T,
  accepted: readonly T[],
  message: string,
  details: CheckDetails = {},
): void {
  if (!accepted.includes(seen)) {
    throw new CheckFailure(message, {
      ...details,
      expected: accepted.length === 1 ? show(accepted[0]) : `one of ${accepted.map(show).join(', ')}`,
      seen: show(seen),
    })
  }
}

/** Fails unless `seen` equals `expected` (strict equality; bigint-aware display). */
export function checkEqual<T>(seen: T, expected: T, message: string, details: CheckDetails = {}): void {
  if (seen !== expected)
    throw new CheckFailure(message, { ...details, expected: show(expected), seen: show(seen) })
}

/** Ends the case as not applicable. */
export function skip(reason: string): never {
  throw new Skip(reason)
}

/** Ends the case recording behaviour the spec leaves open. */
export function info(message: string): never {
  throw new Informational(message)
}

export function show(value: unknown): string {
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'string') return JSON.stringify(value)
  try {
    return (
      JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? String(value)
    )
  } catch {
    return String(value)
  }
}
