/**
 * A role suite: a role fixture, the cases that run with its context, and the project's reference
 * implementations of that role (which must pass every case; `demo` runs them). A suites module lists
 * them; the CLI and the library entry name it (this project's `suites/index.ts`, or `--suites`) and
 * the runner workers load the one they are handed.
 */

import { pathToFileURL } from 'node:url'
import type { CaseDefinition } from '../model/case.ts'
import type { Role } from '../model/result.ts'
import type { RoleFixture, TargetSpec } from './fixture.ts'

/** One of the project's own correct implementations of a role, run by `demo`. */
export interface ReferenceImplementation {
  /** Permanent short name, also the report sub-folder of `demo` (e.g. `server-v2`). */
  name: string
  /** How to reach it; usually `in-process`. A `start` command runs from the project root. */
  target: TargetSpec
}

/** A role fixture with the cases that run with its context. */
export interface RoleSuite<Context = unknown> {
  /** Unique name of the suite (`server`, `client`, `facilitator`, `batch`…). */
  name: string
  role: Role
  fixture: RoleFixture<Context>
  cases: readonly CaseDefinition<Context>[]
  references?: readonly ReferenceImplementation[]
}

/** Declares a suite, checking that its fixture and cases belong to its role. */
export function defineSuite<Context>(suite: RoleSuite<Context>): RoleSuite<Context> {
  if (suite.fixture.role !== suite.role)
    throw new Error(`suite '${suite.name}' has a ${suite.fixture.role} fixture for role ${suite.role}`)
  for (const definition of suite.cases) {
    if (definition.role !== suite.role)
      throw new Error(
        `case ${definition.id} (role ${definition.role}) is in the ${suite.role} suite '${suite.name}'`,
      )
  }
  return Object.freeze(suite)
}

/** Checks a registry: unique suite names and case ids unique across all suites (fails at load time). */
export function checkSuites(suites: readonly RoleSuite[]): readonly RoleSuite[] {
  const names = new Set<string>()
  const ids = new Map<string, string>()
  for (const suite of suites) {
    if (names.has(suite.name)) throw new Error(`duplicate suite name '${suite.name}'`)
    names.add(suite.name)
    for (const definition of suite.cases) {
      const other = ids.get(definition.id)
      if (other !== undefined)
        throw new Error(`duplicate case id '${definition.id}' (suites '${other}' and '${suite.name}')`)
      ids.set(definition.id, suite.name)
    }
  }
  return suites
}

/** Imports a suites module (file path or URL; the CLI or the library entry names it) and returns its checked `suites` export. */
export async function loadSuites(module: string): Promise<readonly RoleSuite[]> {
  const url = /^[a-z]+:/.test(module) ? module : pathToFileURL(module).href
  const loaded: unknown = await import(url)
  const suites = (loaded as { suites?: unknown }).suites
  if (!Array.isArray(suites)) throw new Error(`${module} does not export a 'suites' array`)
  return checkSuites(suites as RoleSuite[])
}

/** The suite named `name`; throws when there is none. */
export function suiteNamed(suites: readonly RoleSuite[], name: string): RoleSuite {
  const suite = suites.find((candidate) => candidate.name === name)
  if (suite === undefined) throw new Error(`no suite named '${name}'`)
  return suite
}
