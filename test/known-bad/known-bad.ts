/**
 * The one shape of a known-bad implementation, for every role: a reference implementation with one
 * named step replaced (or one advertised value overridden), the catalogue requirement it breaks, and
 * the suite's case ids that must catch it. The server, client and facilitator score cards read it.
 */

/** A known-bad implementation; `Replacement` is what the role's reference takes in place of its own. */
export interface KnownBad<Replacement, Catchers = readonly string[]> {
  /** Permanent short name (kebab case; the file name where it has a file of its own). */
  name: string
  /** What it does wrong, in one sentence. */
  defect: string
  /** The requirement ids it breaks. */
  breaks: readonly string[]
  /**
   * The cases that must catch it: `<case id>` (at every version it runs) or `<case id>@v<n>` (at that
   * version); the client's name the outcome each must give (`fail`, or `warn` for a SHOULD).
   */
  caughtBy: Catchers
  /** The replacement: the step(s) of one decision, or the one value, that differ from the reference. */
  replace: Replacement
}

/** `<name>: <id>` for every `breaks` entry that is not a requirement of the catalogue (none, for a sound list). */
export function unknownBreaks(
  bads: readonly Pick<KnownBad<unknown, unknown>, 'name' | 'breaks'>[],
  known: (id: string) => boolean,
): string[] {
  return bads.flatMap((bad) =>
    bad.breaks.length === 0
      ? [`${bad.name}: breaks nothing`]
      : bad.breaks.filter((id) => !known(id)).map((id) => `${bad.name}: ${id}`),
  )
}
