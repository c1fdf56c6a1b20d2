/**
 * The output of a started process, kept so that it can be quoted: a bounded log with absolute
 * positions (a case reads what the target wrote while it ran), and an excerpt for error messages that
 * quotes a crash's error line rather than the stack frames after it.
 */

/** What a case can read of a target's output. */
export interface OutputWindow {
  /** The current end of the output; pass it to `since` later. */
  mark(): number
  /** What was written after `mark` (stdout and stderr interleaved), as far as the log still holds it. */
  since(mark: number): string
}

/** Bytes of output the log keeps. */
const KEEP = 256 * 1024

/** An error message line: `Error: …`, `TypeError [ERR_X]: …`, `ValueError: …`, `error: …`, a Rust panic. */
const ERROR_LINE =
  /^(?:Uncaught\s+)?[A-Za-z_$][\w$.]*(?:Error|Exception)\b(?:\s*\[[^\]]*\])?:|^(?:Error|Exception|error|fatal|panic)(?:\[\w+\])?:|\bpanicked at\b/

/** A stack frame or the runtime's trailer, which say where, not what. */
const FRAME = /^\s*at\s|^\s*Node\.js v\d|^\s*\^+\s*$|^\s*\.\.\.\s*\d*\s*(?:more|lines matching)/

export class OutputLog implements OutputWindow {
  #text = ''
  /** Absolute position of `#text[0]`. */
  #start = 0
  append(chunk: string): void {
    this.#text += chunk
    if (this.#text.length > KEEP) {
      const drop = this.#text.length - KEEP
      this.#text = this.#text.slice(drop)
      this.#start += drop
    }
  }

  mark(): number {
    return this.#start + this.#text.length
  }

  since(mark: number): string {
    const from = mark - this.#start
    return from >= 0 ? this.#text.slice(from) : `…${this.#text}`
  }
}

/** Whether a line reads as an error message (not a stack frame). */
export function isErrorLine(line: string): boolean {
  return !FRAME.test(line) && ERROR_LINE.test(line.trim())
}

/** Lines at the end of the output searched for the crash's error line. */
const CRASH_LINES = 40

/**
 * One line to quote from a process that failed: the error line that starts its crash report (the last
 * error line near the end: earlier ones are logs of earlier requests), else its last lines without
 * stack frames, joined with ` | `.
 */
export function outputExcerpt(tail: string, lines = 3): string {
  const kept = tail
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(-CRASH_LINES)
  const error = kept.findLast(isErrorLine)
  if (error !== undefined) return error
  return kept
    .filter((line) => !FRAME.test(line))
    .slice(-lines)
    .join(' | ')
}
