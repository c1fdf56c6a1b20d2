/** Spec citations for failures: a catalogue requirement's spec section, as a verdict's `spec` entry. */
import type { SpecRef } from '../harness/model/result.ts'
import { requirementById } from './catalog/index.ts'

/** The spec section of catalogue requirement `id` (file, section and, for a foundation text, its source). */
export function specRef(id: string): SpecRef {
  const { spec } = requirementById(id)
  return { file: spec.file, section: spec.section, ...(spec.source ? { source: spec.source } : {}) }
}

/** The spec sections of catalogue requirements, one per id, in order. */
export function specRefs(...ids: string[]): SpecRef[] {
  return ids.map(specRef)
}
