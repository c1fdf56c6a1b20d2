/**
 * Terminal progress of a run: on a TTY a live `[done/total] current case` line; otherwise one line per
 * finished case, `[n/N target] outcome id [vN]`, where N is the target's case runs, known from the plan
 * once its first worker has set up (before any of its cases ends). Failures (fail, warn, error) are
 * printed as they happen with what was expected and seen. Colours only on a TTY and not with NO_COLOR.
 * `--quiet` prints nothing here (only the final line). Run errors are not printed here: they go to
 * stderr (run-output.ts).
 */
import type { Writable } from 'node:stream'
import type { CaseResult, Outcome } from '../harness/model/result.ts'
import type { RunListener } from '../harness/runner/collector.ts'
import type { X402Version } from '../harness/wire/types.ts'

export interface ProgressOptions {
  stream: Writable & { isTTY?: boolean; columns?: number }
  quiet: boolean
  /** Case runs of a target at the versions it supports (`undefined`: not known, every selected one). */
  total?: (group: string, versions: readonly X402Version[] | undefined) => number
}

/** A listener that draws progress, `note()` for a line between progress lines, `done()` to clear the live line. */
export interface Progress extends RunListener {
  note(text: string): void
  done(): void
}

/** Whether to colour output written to `stream`. */
export function useColor(stream: { isTTY?: boolean }): boolean {
  return stream.isTTY === true && !('NO_COLOR' in process.env && process.env.NO_COLOR !== '')
}

const CODES: Record<Outcome, number> = { pass: 32, fail: 31, warn: 33, info: 36, skip: 90, error: 35 }

/** `text` in the colour of `outcome`, when colours are on. */
export function paint(outcome: Outcome, text: string, color: boolean): string {
  return color ? `\u001b[${CODES[outcome]}m${text}\u001b[39m` : text
}

/** Creates the progress display for one run. */
export function createProgress(options: ProgressOptions): Progress {
  const { stream, quiet } = options
  const live = stream.isTTY === true && !quiet
  const color = useColor(stream)
  const groups = new Map<string, { done: number; total: number }>()
  let current = ''
  let drawn = false

  const counter = (group: string, versions?: readonly X402Version[]) => {
    let entry = groups.get(group)
    if (entry === undefined) {
      entry = { done: 0, total: options.total?.(group, versions) ?? 0 }
      groups.set(group, entry)
    }
    return entry
  }
  const clear = () => {
    if (drawn) stream.write('\r\u001b[2K')
    drawn = false
  }
  const draw = () => {
    if (!live) return
    const width = Math.max(20, (stream.columns ?? 80) - 1)
    let done = 0
    let total = 0
    for (const entry of groups.values()) {
      done += entry.done
      total += Math.max(entry.total, entry.done)
    }
    const line = `[${done}/${total}] ${current}`
    clear()
    stream.write(line.length > width ? `${line.slice(0, width - 1)}…` : line)
    drawn = true
  }
  const print = (text: string) => {
    clear()
    stream.write(`${text}\n`)
    draw()
  }

  return {
    session(group, session) {
      counter(group, session.versions)
      draw()
    },
    started(name) {
      current = name
      draw()
    },
    result(group, result) {
      const entry = counter(group)
      entry.done += 1
      if (quiet) return
      const position = `[${entry.done}/${Math.max(entry.total, entry.done)} ${group}]`
      const noisy = result.outcome === 'fail' || result.outcome === 'warn' || result.outcome === 'error'
      if (noisy) print(`${position} ${describeResult(result, color)}`)
      else if (!live) print(`${position} ${paint(result.outcome, result.outcome, color)} ${label(result)}`)
      else draw()
    },
    note(text) {
      if (!quiet) print(text)
    },
    done() {
      clear()
    },
  }
}

/** A failing result as a few lines: outcome, case, message, expected, seen, spec section. */
export function describeResult(result: CaseResult, color: boolean): string {
  const lines = [
    `${paint(result.outcome, result.outcome.toUpperCase(), color)} ${label(result)}: ${result.message ?? ''}`,
  ]
  if (result.expected !== undefined) lines.push(`    expected: ${result.expected}`)
  if (result.seen !== undefined) lines.push(`    seen:     ${result.seen}`)
  for (const ref of result.spec ?? []) lines.push(`    spec:     ${ref.file} ${ref.section}`)
  return lines.join('\n')
}

function label(result: CaseResult): string {
  return `${result.id} [v${result.version}]`
}
