/**
 * Every case declared in this process, by id: how the runner finds the case a `dependsOn` names
 * without the suite handing it over (a prerequisite may sit in another file, or in no selected job).
 * Ids are unique across suites (checked when suites are loaded); a later declaration of the same id
 * (a second copy of a module) replaces the earlier one.
 */
import type { CaseDefinition } from './case.ts'

const cases = new Map<string, CaseDefinition<unknown>>()
/** Ids some declared case depends on. */
const prerequisites = new Set<string>()

/** Records a declared case (called by `defineCase`). */
export function registerCase(definition: CaseDefinition<unknown>): void {
  cases.set(definition.id, definition)
  for (const id of definition.dependsOn ?? []) prerequisites.add(id)
}

/** Whether some declared case depends on the case `id`. */
export function hasDependents(id: string): boolean {
  return prerequisites.has(id)
}

/** The declared case with this id, if any. */
export function caseById(id: string): CaseDefinition<unknown> | undefined {
  return cases.get(id)
}
