/**
 * A known-bad resource server: the reference server with one step replaced (or one advertised value
 * overridden), breaking exactly one requirement, and the suite's case ids that must catch it (the case
 * fails, or warns for a SHOULD). The self-test fails if any listed case lets it through.
 */
import type { ReferenceServerOptions } from '../../../harness/reference/server/index.ts'
import type { X402Version } from '../../../harness/wire/types.ts'

export interface KnownBadServer {
  /** Short permanent name (the file name). */
  name: string
  /** The requirement ids it breaks. */
  breaks: readonly string[]
  /** What it does wrong, in one sentence. */
  defect: string
  /** The versions it is run at. */
  versions: readonly X402Version[]
  /** The variation of the reference server. */
  server: ReferenceServerOptions
  /**
   * Case ids that must catch it, at every version above that the case applies to; `<id>@v<n>` limits
   * an entry to one version (where the built-in facilitator's own checks stop the other version).
   */
  caughtBy: readonly string[]
}

/** Declares a known-bad server (a typed identity, so each file reads as data). */
export function knownBad(definition: KnownBadServer): KnownBadServer {
  return Object.freeze(definition)
}

/** The case ids that must catch `bad` at `version`. */
export function catchersAt(bad: KnownBadServer, version: X402Version): string[] {
  return bad.caughtBy.flatMap((entry) => {
    const [id, at] = entry.split('@v')
    return at === undefined || Number(at) === version ? [id!] : []
  })
}
