/** `serverCase`: `defineCase` for the server role, so case files only say what is specific to them. */
import type { CaseDefinition } from '../../harness/model/case.ts'
import { type RoleCaseDefinition, roleCase } from '../case-terms.ts'
import type { ServerContext } from './context.ts'

/** A server case: everything but the role; level and versions default to its requirements'. */
export type ServerCaseDefinition = RoleCaseDefinition<ServerContext>

/** Declares a server case (id `server.<area>.<name>`), checked at load time. */
export const serverCase: (definition: ServerCaseDefinition) => CaseDefinition<ServerContext> =
  roleCase<ServerContext>('server')
