/** A case's window of its target's output (stdout and stderr), kept as evidence of that case. */
import type { Evidence } from '../model/result.ts'
import type { Target } from '../targets/types.ts'

/** Bytes of target output kept per case. */
const OUTPUT_BYTES = 16 * 1024

/** What the target wrote since `from` (cases running at once share their windows), or nothing. */
export function outputNote(target: Target, from: number | undefined): Evidence | undefined {
  if (from === undefined || target.output === undefined) return undefined
  const text = target.output.since(from)
  if (text.trim() === '') return undefined
  const data = text.length > OUTPUT_BYTES ? `…${text.slice(-OUTPUT_BYTES)}` : text
  return { kind: 'note', text: 'target output (stdout and stderr) while this case ran', data }
}
