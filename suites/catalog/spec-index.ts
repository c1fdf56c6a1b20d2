/**
 * The committed index of the spec text the catalogue cites: per snapshot (the pin and each newer
 * source), per file, every heading with the hash of its section. Made by `scripts/spec-index.ts` from
 * the git mirror (or a transcribed snapshot); read by the citation test and `scripts/spec-drift.ts`,
 * never by the catalogue at run time, so no network and no spec text is needed to check a citation.
 */
import { readFileSync } from 'node:fs'
import { findSection, type SpecHeading } from './spec-sections.ts'
import type { SpecCitation, SpecSource } from './types.ts'

/** One snapshot's headings. */
export interface IndexedSource extends SpecSource {
  /** How the text was obtained (git mirror, file-index transcription). */
  readFrom: string
  files: Record<string, readonly SpecHeading[]>
}

/** The whole index file. */
export interface SpecIndex {
  generatedBy: string
  sources: IndexedSource[]
}

/** Where the index lives (beside this module). */
export const SPEC_INDEX_URL = new URL('./spec-index.json', import.meta.url)

/** Reads the committed index. */
export function loadSpecIndex(url: URL = SPEC_INDEX_URL): SpecIndex {
  return JSON.parse(readFileSync(url, 'utf8')) as SpecIndex
}

/** The snapshot a citation reads (its own source, else the pin) and that snapshot's entry in the index. */
function snapshotOf(index: SpecIndex, citation: SpecCitation, pin: SpecSource) {
  const at = citation.source ?? pin
  return { at, source: index.sources.find((s) => s.commit === at.commit && s.repository === at.repository) }
}

/** Why a citation does not resolve, or `undefined` when its file and section are in the index. */
export function unresolvedReason(
  index: SpecIndex,
  citation: SpecCitation,
  pin: SpecSource,
): string | undefined {
  const { at, source } = snapshotOf(index, citation, pin)
  if (source === undefined) return `snapshot ${at.commit.slice(0, 7)} is not in the spec index`
  const headings = source.files[citation.file]
  if (headings === undefined) return `${citation.file} is not in snapshot ${at.commit.slice(0, 7)}`
  if (findSection(headings, citation.section) === undefined)
    return `no heading '${citation.section}' in ${citation.file} at ${at.commit.slice(0, 7)}`
  return undefined
}

/** The indexed heading a citation names (its hash is what drift compares). */
export function citedHeading(
  index: SpecIndex,
  citation: SpecCitation,
  pin: SpecSource,
): SpecHeading | undefined {
  const headings = snapshotOf(index, citation, pin).source?.files[citation.file]
  return headings === undefined ? undefined : findSection(headings, citation.section)
}
