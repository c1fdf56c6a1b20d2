/**
 * A case's level and versions are facts of the requirements it cites, so the catalogue states them
 * once: a case runs at every version one of its requirements applies to, graded at the strongest of
 * their levels. A case says either only where it differs (a v2-only mechanism such as `accepted`, a
 * check graded below the requirement it leans on), and a catalogue change (a SHOULD that became a MUST,
 * a rule narrowed to v2) moves every case that cites it.
 */
import { type CaseDefinition, defineCase } from '../harness/model/case.ts'
import type { Level, Role } from '../harness/model/result.ts'
import type { X402Version } from '../harness/wire/types.ts'
import { requirementById } from './catalog/index.ts'

/** What a role's case files declare: everything but the role; level and versions default to its requirements'. */
export type RoleCaseDefinition<Context> = Omit<CaseDefinition<Context>, 'role' | 'level' | 'versions'> & {
  level?: Level | undefined
  versions?: readonly X402Version[] | undefined
}

const STRENGTH: Readonly<Record<Exclude<Level, 'schema'>, number>> = { MAY: 0, SHOULD: 1, MUST: 2 }

/** The grade of a case citing `requirements`: `schema` when all are schema rows, else the strongest. */
export function strongestLevel(requirements: readonly string[]): Level {
  const levels = requirements.map((id) => requirementById(id).level)
  if (levels.every((level) => level === 'schema')) return 'schema'
  return levels
    .map((level) => (level === 'schema' ? 'MUST' : level))
    .reduce((strongest, level) => (STRENGTH[level] > STRENGTH[strongest] ? level : strongest))
}

/** Every version one of `requirements` applies to, within `within`. */
export function citedVersions(
  requirements: readonly string[],
  within: readonly X402Version[] = [1, 2],
): readonly X402Version[] {
  const cited = new Set(requirements.flatMap((id) => requirementById(id).versions))
  return within.filter((version) => cited.has(version))
}

/**
 * `definition` with its level and versions filled from the catalogue. Throws at load time on a stated
 * level that restates the default (say it once) or on versions none of its requirements apply to.
 * Stated versions may restate it: a family's shared `versions: [2]` says it is v2-only by design.
 */
export function withCatalogTerms<Context>(
  definition: RoleCaseDefinition<Context>,
  within: readonly X402Version[] = [1, 2],
): Omit<CaseDefinition<Context>, 'role'> {
  const { id, requirements } = definition
  const level = strongestLevel(requirements)
  const versions = citedVersions(requirements, within)
  if (definition.level === level)
    throw new Error(`case ${id} states level ${level}, which its requirements already give`)
  const stated = definition.versions
  if (stated !== undefined) {
    const foreign = stated.filter((version) => !versions.includes(version))
    if (foreign.length > 0)
      throw new Error(`case ${id} runs at v${foreign.join(',v')}, where none of its requirements applies`)
  }
  return { ...definition, level: definition.level ?? level, versions: stated ?? versions }
}

/** The `defineCase` of one role (its cases run only at the versions in `within`). */
export function roleCase<Context>(
  role: Role,
  within: readonly X402Version[] = [1, 2],
): (definition: RoleCaseDefinition<Context>) => CaseDefinition<Context> {
  return (definition) => defineCase<Context>({ ...withCatalogTerms(definition, within), role })
}
