/**
 * Drift: which catalogue entries cite a section whose text differs in a later copy of the spec from
 * the text the entry was read at (compared by section hash, see spec-sections.ts). Pure: the caller
 * reads the later copy's files.
 */
import type { SpecIndex } from './spec-index.ts'
import { citedHeading } from './spec-index.ts'
import { findSection, parseSpecHeadings } from './spec-sections.ts'
import type { Requirement, SpecSource } from './types.ts'

/** How a cited section compares. */
export type DriftKind = 'changed' | 'section-missing' | 'file-missing' | 'not-tracked'

/** One cited section that drifted (or cannot be compared). */
export interface Drift {
  id: string
  /** The commit the entry read the section at (the pin, or its newer source). */
  readAt: string
  file: string
  section: string
  kind: DriftKind
}

/**
 * The drifted citations of `requirements`, comparing the hashes in `index` with the text `read`
 * returns for each file (undefined when the later copy has no such file).
 */
export function findDrift(
  requirements: readonly Requirement[],
  index: SpecIndex,
  pin: SpecSource,
  read: (file: string) => string | undefined,
): Drift[] {
  const parsed = new Map<string, ReturnType<typeof parseSpecHeadings> | undefined>()
  const headingsOf = (file: string) => {
    if (!parsed.has(file)) {
      const text = read(file)
      parsed.set(file, text === undefined ? undefined : parseSpecHeadings(text))
    }
    return parsed.get(file)
  }
  const drifts: Drift[] = []
  for (const requirement of requirements)
    for (const citation of [requirement.spec, ...(requirement.seeAlso ?? [])]) {
      const at = {
        id: requirement.id,
        readAt: (citation.source ?? pin).commit,
        file: citation.file,
        section: citation.section,
      }
      const then = citedHeading(index, citation, pin)
      if (then?.hash == null) {
        drifts.push({ ...at, kind: 'not-tracked' })
        continue
      }
      const headings = headingsOf(citation.file)
      if (headings === undefined) {
        drifts.push({ ...at, kind: 'file-missing' })
        continue
      }
      const now = findSection(headings, citation.section)
      if (now === undefined) drifts.push({ ...at, kind: 'section-missing' })
      else if (now.hash !== then.hash) drifts.push({ ...at, kind: 'changed' })
    }
  return drifts
}
