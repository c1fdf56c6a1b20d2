/**
 * What a client under test reports after paying for one URL (DESIGN.md, client contract): one JSON
 * line `{"success", "status", "body", "paymentResponse"}` on stdout, or the same object from a driver
 * or an in-process client. Anything else is a broken contract, reported as a failure of that case.
 */
import { z } from 'zod'
import { CheckFailure } from '../model/verdict.ts'

/** The client's own account of one payment attempt. */
export interface ClientReport {
  /** Whether the client believes it obtained the resource. */
  success: boolean
  /** The final HTTP status the client saw. */
  status: number
  /** The response body it received (text or parsed JSON), if any. */
  body?: unknown
  /** The decoded settlement response header, if the client read one. */
  paymentResponse?: unknown
}

const clientReportSchema = z.looseObject({
  success: z.boolean(),
  status: z.number().int(),
  body: z.unknown().optional(),
  paymentResponse: z.unknown().optional(),
})

const CONTRACT = 'one JSON object {"success": boolean, "status": number, "body", "paymentResponse"}'

/** Checks a value against the client contract; throws `CheckFailure` saying what was seen instead. */
export function toClientReport(value: unknown, from: string): ClientReport {
  const parsed = clientReportSchema.safeParse(value)
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    )
    throw new CheckFailure(`${from} did not report its outcome as the client contract says`, {
      expected: CONTRACT,
      seen: `${clip(JSON.stringify(value) ?? String(value))} (${problems.join('; ')})`,
    })
  }
  const { success, status, body, paymentResponse } = parsed.data
  return {
    success,
    status,
    ...(body === undefined ? {} : { body }),
    ...(paymentResponse === undefined ? {} : { paymentResponse }),
  }
}

/**
 * Reads the report from a client command's stdout: the last non-empty line that is a JSON object (a
 * client may log before it). No such line is a broken contract.
 */
export function parseClientOutput(stdout: string, from: string): ClientReport {
  const lines = stdout.split('\n').map((line) => line.trim())
  for (let index = lines.length - 1; index >= 0; index--) {
    const line = lines[index]!
    if (!line.startsWith('{')) continue
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      continue
    }
    return toClientReport(value, from)
  }
  throw new CheckFailure(`${from} printed no JSON line`, {
    expected: CONTRACT,
    seen: stdout.trim() === '' ? 'no output on stdout' : clip(stdout.trim()),
  })
}

/** Shortens text for a one-line message. */
export function clip(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ')
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`
}
