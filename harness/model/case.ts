/**
 * How a conformance case is declared: data (permanent id, requirements, level, versions...) plus a
 * `run` function that ends in verdicts from the shared vocabulary (`./verdict.ts`). The harness knows
 * nothing about particular cases; suites know nothing about how the runner schedules them.
 */
import type { X402Version } from '../wire/types.ts'
import type { Level, Role } from './result.ts'

/**
 * What a case needs from the target beyond the basics of its role. A case whose needs the target
 * does not declare is skipped with that reason.
 */
export type Capability =
  /** The server is wired to the suite's built-in facilitator, so its calls can be logged and faulted. */
  | 'builtin-facilitator'
  /** The suite can read the chain the target settles on. */
  | 'chain'
  /** A client declares a budget (maximum amount it will pay). */
  | 'client-budget'

/** The static part of a case: everything but `run`. */
export interface CaseMeta {
  /** Permanent id, `<role>.<area>.<name>`; never reused, never a position. */
  id: string
  title: string
  role: Role
  /** Protocol versions the case applies to; it runs once per version the target supports. */
  versions: readonly X402Version[]
  /** Ids from the requirement catalogue (suites/catalog) this case checks. */
  requirements: readonly string[]
  /** Strength of the requirement: a broken MUST/schema is `fail`, SHOULD `warn`, MAY `info`. */
  level: Level
  tags?: readonly string[]
  needs?: readonly Capability[]
  /** Overrides the runner's per-case timeout (ms). */
  timeoutMs?: number
}

/** A case: metadata plus the function that exercises the target with a role-specific context. */
export interface CaseDefinition<Context> extends CaseMeta {
  run(context: Context): Promise<void>
}

const ID_PATTERN = /^(server|client|facilitator|batch)\.[a-z0-9-]+(\.[a-z0-9-]+)+$/

/** Declares a case, checking its metadata at load time. */
export function defineCase<Context>(definition: CaseDefinition<Context>): CaseDefinition<Context> {
  if (!ID_PATTERN.test(definition.id))
    throw new Error(`case id '${definition.id}' is not <role>.<area>.<name>`)
  if (definition.versions.length === 0) throw new Error(`case ${definition.id} applies to no x402 version`)
  if (definition.requirements.length === 0) throw new Error(`case ${definition.id} traces to no requirement`)
  return Object.freeze(definition)
}

/** Collects cases into a suite, failing at load time on a duplicate id. */
export function collectCases<Context>(
  ...groups: readonly (readonly CaseDefinition<Context>[])[]
): readonly CaseDefinition<Context>[] {
  const seen = new Set<string>()
  const cases: CaseDefinition<Context>[] = []
  for (const definition of groups.flat()) {
    if (seen.has(definition.id)) throw new Error(`duplicate case id '${definition.id}'`)
    seen.add(definition.id)
    cases.push(definition)
  }
  return Object.freeze(cases)
}
