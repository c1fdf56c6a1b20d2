/**
 * A known-bad resource server: the reference server with one step replaced (or one advertised value
 * overridden), breaking exactly one requirement, and the suite's case ids that must catch it (the case
 * fails, or warns for a SHOULD). The self-test fails if any listed case lets it through.
 */
import type { ReferenceServerOptions } from '../../../harness/reference/server/index.ts'
import type { X402Version } from '../../../harness/wire/types.ts'
import type { KnownBad } from '../known-bad.ts'

/**
 * A known-bad server: `replace` is the variation of the reference server (its steps, batch steps or
 * overrides). `caughtBy` applies at every version of `versions` a case runs at; `<id>@v<n>` limits an
 * entry to one version (where the built-in facilitator's own checks stop the other version).
 */
export interface KnownBadServer extends KnownBad<ReferenceServerOptions> {
  /** The versions it is run at. */
  versions: readonly X402Version[]
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
