/** Spec citations for failures, taken from the requirement catalogue so a failure names its section. */
import type { SpecRef } from '../../harness/model/result.ts'
import { requirementById } from '../catalog/index.ts'

/** The spec sections of requirements `ids` (deduplicated). */
export function specOf(...ids: string[]): SpecRef[] {
  const seen = new Set<string>()
  const refs: SpecRef[] = []
  for (const id of ids) {
    const { spec } = requirementById(id)
    const key = `${spec.file}#${spec.section}`
    if (seen.has(key)) continue
    seen.add(key)
    refs.push({ file: spec.file, section: spec.section, ...(spec.source ? { source: spec.source } : {}) })
  }
  return refs
}
