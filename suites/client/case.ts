/** `clientCase`: `defineCase` for the client role, so case files only say what is specific to them. */
import type { CaseDefinition } from '../../harness/model/case.ts'
import { type RoleCaseDefinition, roleCase } from '../case-terms.ts'
import type { ClientCaseContext } from './context.ts'

/** A client case: everything but the role; level and versions default to its requirements'. */
export type ClientCaseDefinition = RoleCaseDefinition<ClientCaseContext>

/** Declares a client case (id `client.<area>.<name>`), checked at load time. */
export const clientCase: (definition: ClientCaseDefinition) => CaseDefinition<ClientCaseContext> =
  roleCase<ClientCaseContext>('client')
