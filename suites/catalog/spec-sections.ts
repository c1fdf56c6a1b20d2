/**
 * The headings of a spec file and a hash of each section's text, so a citation ("core v2 §5.3.2 Field
 * Descriptions", "1. AssetTransferMethod: EIP-3009 / Phase 2: Verification Logic") can be checked
 * against the text it was read at, and a later copy of the spec can be compared with it (drift).
 *
 * The spec files mark headings three ways: ATX (`## Summary`), a line that is only bold text
 * (`**5.1.2 Field Descriptions**`, the v1/v2 cores) and, once, a plain numbered line
 * (`8.1 GET /discovery/resources`). All three count; lines inside code fences never do.
 */
import { createHash } from 'node:crypto'

/** One heading of a spec file. */
export interface SpecHeading {
  /** The heading text as written, markup removed (e.g. `5.3.2 Field Descriptions`). */
  title: string
  /** 1–6; bold and plain numbered headings take 1 + the depth of their number, bold unnumbered 6. */
  level: number
  /** Titles from the outermost enclosing heading down to this one. */
  path: readonly string[]
  /**
   * Hash of the section's text (its body and subsections, whitespace collapsed), or `null` when the
   * snapshot it was read from did not carry that text (see `NOT_TRANSCRIBED`).
   */
  hash: string | null
}

/** A section body that is only this line is a placeholder: the heading is known, its text is not. */
export const NOT_TRANSCRIBED = '<!-- not transcribed -->'

interface RawHeading {
  title: string
  level: number
  line: number
}

const ATX = /^(#{1,6})\s+(.+?)\s*#*\s*$/
const BOLD_LINE = /^\*\*([^*].*?)\*\*\s*$/
const PLAIN_NUMBERED = /^(\d+(?:\.\d+)+)\.?\s+\S[^|]{0,80}$/
const NUMBER_PREFIX = /^(\d+(?:\.\d+)*)\.?\s/

function depthOfNumber(title: string): number | undefined {
  const match = NUMBER_PREFIX.exec(title)
  return match?.[1] === undefined ? undefined : match[1].split('.').length
}

function stripMarkup(text: string): string {
  return text.replace(/\*\*/g, '').replace(/`/g, '').trim()
}

function rawHeadings(lines: readonly string[]): RawHeading[] {
  const found: RawHeading[] = []
  let fence: string | undefined
  lines.forEach((line, index) => {
    const fenceMatch = /^\s*(```|~~~)/.exec(line)
    if (fenceMatch?.[1] !== undefined) {
      if (fence === undefined) fence = fenceMatch[1]
      else if (line.trim().startsWith(fence)) fence = undefined
      return
    }
    if (fence !== undefined) return
    const atx = ATX.exec(line)
    if (atx?.[1] !== undefined && atx[2] !== undefined) {
      found.push({ title: stripMarkup(atx[2]), level: atx[1].length, line: index })
      return
    }
    const bold = BOLD_LINE.exec(line)
    if (bold?.[1] !== undefined) {
      const title = stripMarkup(bold[1])
      const depth = depthOfNumber(title)
      found.push({ title, level: depth === undefined ? 6 : Math.min(6, depth + 1), line: index })
      return
    }
    const blankAround = (lines[index - 1] ?? '').trim() === '' && (lines[index + 1] ?? '').trim() === ''
    if (blankAround && PLAIN_NUMBERED.test(line)) {
      const title = stripMarkup(line)
      found.push({ title, level: Math.min(6, (depthOfNumber(title) ?? 5) + 1), line: index })
    }
  })
  return found
}

/** The hash of a section's text: whitespace runs collapse, so re-padding a table is not a change. */
export function sectionHash(text: string): string {
  const normalized = text.replace(/\s+/g, ' ').trim()
  return createHash('sha256').update(normalized).digest('hex').slice(0, 16)
}

/** Every heading of a markdown file, in order, with its path and section hash. */
export function parseSpecHeadings(markdown: string): SpecHeading[] {
  const lines = markdown.split(/\r?\n/)
  const raw = rawHeadings(lines)
  const result: SpecHeading[] = []
  const stack: RawHeading[] = []
  raw.forEach((heading, index) => {
    while (stack.length > 0 && (stack[stack.length - 1]?.level ?? 0) >= heading.level) stack.pop()
    stack.push(heading)
    const end = raw.slice(index + 1).find((next) => next.level <= heading.level)?.line ?? lines.length
    const body = lines.slice(heading.line + 1, end)
    const ownEnd = raw[index + 1]?.line ?? lines.length
    const untranscribed =
      body.some((line) => line.trim() === NOT_TRANSCRIBED) ||
      lines
        .slice(heading.line + 1, ownEnd)
        .join('\n')
        .trim() === NOT_TRANSCRIBED
    result.push({
      title: heading.title,
      level: heading.level,
      path: stack.map((h) => h.title),
      hash: untranscribed ? null : sectionHash(body.join('\n')),
    })
  })
  return result
}

/** How a heading or citation segment compares: case, `§`, backticks, bold and a trailing colon ignored. */
export function normalizeTitle(title: string): string {
  return stripMarkup(title).replace(/§/g, '').replace(/\s+/g, ' ').replace(/:$/, '').trim().toLowerCase()
}

/** The segments of a citation's `section`: `A / B` names heading B inside heading A. */
export function citationSegments(section: string): string[] {
  return section.split(' / ').map(normalizeTitle)
}

/**
 * The heading a citation's section names: its last segment is the heading's title and each earlier
 * segment is the title of an enclosing heading, outermost first (not necessarily directly enclosing).
 */
export function findSection(headings: readonly SpecHeading[], section: string): SpecHeading | undefined {
  const segments = citationSegments(section)
  const last = segments[segments.length - 1]
  const outer = segments.slice(0, -1)
  return headings.find((heading) => {
    if (normalizeTitle(heading.title) !== last) return false
    const ancestors = heading.path.slice(0, -1).map(normalizeTitle)
    let at = 0
    for (const segment of outer) {
      const found = ancestors.indexOf(segment, at)
      if (found < 0) return false
      at = found + 1
    }
    return true
  })
}
