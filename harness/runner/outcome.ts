/**
 * How the way a case ended becomes its outcome: a normal end passes; the verdict vocabulary's signals
 * (`CheckFailure`, `Skip`, `Informational`) map by level; anything else is an `error` of the suite or
 * the target's environment, with a one-line message (the stack only as a note, when verbose).
 */
import type { CaseResult, Evidence, Level, Outcome } from '../model/result.ts'

/** The outcome fields of a `CaseResult`. */
export type Verdict = Pick<CaseResult, 'outcome' | 'message' | 'expected' | 'seen' | 'spec'> & {
  /** Extra evidence about the ending (the stack of an unexpected error, when verbose). */
  note?: Evidence
}

/** The case ran out of time. */
export class CaseTimeout extends Error {
  override name = 'CaseTimeout'
  constructor(ms: number) {
    super(`timed out after ${Number((ms / 1000).toFixed(1))} s`)
  }
}

const BY_LEVEL: Record<Level, Outcome> = { MUST: 'fail', schema: 'fail', SHOULD: 'warn', MAY: 'info' }

/**
 * Maps how a case ended to its verdict. `thrown` is `undefined` for a normal end. Classes are matched
 * by `name` so a verdict thrown by another copy of this package (an SDK's own install) still counts.
 */
export function outcomeOf(thrown: unknown, level: Level, verbose = false): Verdict {
  if (thrown === undefined) return { outcome: 'pass' }
  const error = thrown instanceof Error ? thrown : undefined
  switch (error?.name) {
    case 'CheckFailure': {
      const details = error as Error &
        Partial<Pick<CaseResult, 'expected' | 'seen' | 'spec'>> & { level?: Level }
      return {
        outcome: BY_LEVEL[details.level ?? level],
        message: oneLine(error.message),
        ...(details.expected === undefined ? {} : { expected: details.expected }),
        ...(details.seen === undefined ? {} : { seen: details.seen }),
        ...(details.spec === undefined ? {} : { spec: details.spec }),
      }
    }
    case 'Skip':
      return { outcome: 'skip', message: oneLine(error.message) }
    case 'Informational':
      return { outcome: 'info', message: oneLine(error.message) }
    case 'TargetUnavailable':
    case 'CaseTimeout':
      return { outcome: 'error', message: oneLine(error.message) }
  }
  const message = error
    ? `${error.name}: ${oneLine(error.message)}${causeOf(error)}`
    : `thrown: ${oneLine(String(thrown))}`
  return {
    outcome: 'error',
    message,
    ...(verbose && error?.stack
      ? { note: { kind: 'note', text: 'stack of the error', data: error.stack } }
      : {}),
  }
}

/** The first line of a message, trimmed (never a stack trace). */
export function oneLine(text: string): string {
  return (text.split('\n')[0] ?? '').trim()
}

/** ` (ECONNREFUSED)` for an error whose cause names a socket error (e.g. undici's `fetch failed`). */
function causeOf(error: Error): string {
  const cause = (error as { cause?: unknown }).cause
  if (!(cause instanceof Error)) return ''
  const code = (cause as NodeJS.ErrnoException).code
  return ` (${code ?? oneLine(cause.message)})`
}
