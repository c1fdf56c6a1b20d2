/**
 * The channel from runner workers to the CLI process: each vitest test carries its `CaseResult` in
 * `task.meta`, and one extra test per worker (`SESSION_TEST`) carries what the worker learned about
 * its target, or why it could not run at all.
 */
import type { CaseResult } from '../model/result.ts'
import type { X402Version } from '../wire/types.ts'

/** Name of the extra test that reports a worker's session. */
export const SESSION_TEST = 'x402:session'

const KEY = 'x402'

/** What a worker learned about its target. */
export interface SessionInfo {
  label: string
  versions: X402Version[]
  /** Something the user should hear once about how the target was started. */
  notice?: string
}

/** What a test's meta carries. */
export type RunnerMessage =
  | { group: string; result: CaseResult }
  | { group: string; session: SessionInfo }
  | { group: string; runError: string }

/** Attaches a message to a task's meta (as plain JSON: bigints become strings). */
export function writeMessage(meta: object, message: RunnerMessage): void {
  const plain: unknown = JSON.parse(
    JSON.stringify(message, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)),
  )
  Object.assign(meta, { [KEY]: plain })
}

/** The message in a task's meta, if any. */
export function readMessage(meta: object): RunnerMessage | undefined {
  const value = (meta as Record<string, unknown>)[KEY]
  if (typeof value !== 'object' || value === null || typeof (value as { group?: unknown }).group !== 'string')
    return undefined
  return value as RunnerMessage
}
