/**
 * The shared verdict vocabulary's failure signals. A case ends normally (pass), or by throwing one of
 * these; the runner turns them into outcomes. Anything else thrown is an `error` of the suite.
 */
import type { SpecRef } from './result.ts'

/** A requirement was seen broken. The case's level decides fail/warn/info unless `level` says. */
export class CheckFailure extends Error {
  override name = 'CheckFailure'
  readonly expected: string | undefined
  readonly seen: string | undefined
  readonly spec: SpecRef[] | undefined
  /** Set to grade this check below the case's level (e.g. a SHOULD inside a MUST case). */
  readonly level: 'MUST' | 'SHOULD' | 'MAY' | undefined

  constructor(
    message: string,
    details: { expected?: string; seen?: string; spec?: SpecRef[]; level?: 'MUST' | 'SHOULD' | 'MAY' } = {},
  ) {
    super(message)
    this.expected = details.expected
    this.seen = details.seen
    this.spec = details.spec
    this.level = details.level
  }
}

/** The case does not apply to this target (missing capability, version not offered...). */
export class Skip extends Error {
  override name = 'Skip'
}

/** Behaviour the spec leaves open was observed and recorded; not a failure. */
export class Informational extends Error {
  override name = 'Informational'
}

/** The target or its environment could not be used (unreachable, crashed before the case): `error`. */
export class TargetUnavailable extends Error {
  override name = 'TargetUnavailable'
}
