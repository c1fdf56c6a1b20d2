/** Spec citations for failures, taken from the requirement catalogue so a failure names its section. */
import type { SpecRef } from '../../harness/model/result.ts'
import { specRef } from '../spec-refs.ts'

/** The spec sections of requirements `ids` (deduplicated). */
export function specOf(...ids: string[]): SpecRef[] {
  const seen = new Set<string>()
  const refs: SpecRef[] = []
  for (const id of ids) {
    const ref = specRef(id)
    const key = `${ref.file}#${ref.section}`
    if (seen.has(key)) continue
    seen.add(key)
    refs.push(ref)
  }
  return refs
}
