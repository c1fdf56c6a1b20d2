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

/** What makes a target offer each capability: the skip reason of a case that needs it says so. */
export const CAPABILITY_HINTS: Readonly<Record<Capability, string>> = {
  'builtin-facilitator': "wire the server to the suite's facilitator (X402_FACILITATOR_URL)",
  chain: 'let the suite read the chain the target settles on (--start, or --rpc of its devnet)',
  'client-budget':
    "declare the client's budget: X402_CLIENT_BUDGET=<atomic units> in the harness's environment",
}

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
  /**
   * Cases whose requirement this one builds on (a client that pays no batch-settlement payload cannot
   * keep a channel). When one of them fails or errs at the same version, this case is not run: it
   * reports `skip` naming that case, so one cause shows as one failure (harness/runner/dependencies.ts).
   */
  dependsOn?: readonly string[]
  /** Overrides the runner's per-case timeout (ms). */
  timeoutMs?: number
}

/** A case: metadata plus the function that exercises the target with a role-specific context. */
export interface CaseDefinition<Context> extends CaseMeta {
  run(context: Context): Promise<void>
}

const ID_PATTERN = /^(server|client|facilitator|batch|mcp-server|mcp-client)\.[a-z0-9-]+(\.[a-z0-9-]+)+$/

/** Declares a case, checking its metadata at load time. */
export function defineCase<Context>(definition: CaseDefinition<Context>): CaseDefinition<Context> {
  if (!ID_PATTERN.test(definition.id))
    throw new Error(`case id '${definition.id}' is not <role>.<area>.<name>`)
  if (definition.versions.length === 0) throw new Error(`case ${definition.id} applies to no x402 version`)
  if (definition.requirements.length === 0) throw new Error(`case ${definition.id} traces to no requirement`)
  if (definition.dependsOn?.includes(definition.id))
    throw new Error(`case ${definition.id} depends on itself`)
  const frozen = Object.freeze(definition)
  registerCase(frozen as CaseDefinition<unknown>)
  return frozen
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
  checkDependencies(cases)
  return Object.freeze(cases)
}

/**
 * Fails at load time on a `dependsOn` naming no case of `cases` or of the registry (a case of another
 * file of the same role), and on a dependency cycle.
 */
export function checkDependencies(cases: readonly CaseMeta[]): void {
  const byId = new Map<string, CaseMeta>(cases.map((definition) => [definition.id, definition]))
  const find = (id: string): CaseMeta | undefined => byId.get(id) ?? caseById(id)
  for (const definition of cases) {
    for (const id of definition.dependsOn ?? [])
      if (find(id) === undefined) throw new Error(`case ${definition.id} depends on an unknown case '${id}'`)
  }
  const done = new Set<string>()
  const visit = (id: string, path: readonly string[]): void => {
    if (path.includes(id)) throw new Error(`dependency cycle: ${[...path, id].join(' → ')}`)
    if (done.has(id)) return
    for (const next of find(id)?.dependsOn ?? []) visit(next, [...path, id])
    done.add(id)
  }
  for (const definition of cases) visit(definition.id, [])
}

/*
 * Every case declared in this process, by id: how the runner finds the case a `dependsOn` names
 * without the suite handing it over (a prerequisite may sit in another file, or in no selected job).
 * Ids are unique across suites (checked when suites are loaded); a later declaration of the same id
 * (a second copy of a module) replaces the earlier one.
 */
const declared = new Map<string, CaseDefinition<unknown>>()
/** Ids some declared case depends on. */
const prerequisites = new Set<string>()

function registerCase(definition: CaseDefinition<unknown>): void {
  declared.set(definition.id, definition)
  for (const id of definition.dependsOn ?? []) prerequisites.add(id)
}

/** The declared case with this id, if any. */
export function caseById(id: string): CaseDefinition<unknown> | undefined {
  return declared.get(id)
}

/** Whether some declared case depends on the case `id`. */
export function hasDependents(id: string): boolean {
  return prerequisites.has(id)
}
