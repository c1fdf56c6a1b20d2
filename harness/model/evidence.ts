/** What a case saw, in order. The runner creates one recorder per case run and puts it in the report. */
import type { Evidence } from './result.ts'

export interface EvidenceRecorder {
  /** Appends one item of evidence. */
  add(item: Evidence): void
  /** Everything recorded so far, in order. */
  readonly items: readonly Evidence[]
}

export function createEvidenceRecorder(): EvidenceRecorder {
  const items: Evidence[] = []
  return {
    add(item) {
      items.push(item)
    },
    get items() {
      return items
    },
  }
}
