/** `clientCase`: `defineCase` for the client role, so case files only say what is specific to them. */
import { type CaseDefinition, defineCase } from '../../harness/model/case.ts'
import type { ClientCaseContext } from './context.ts'

/** A client case: everything but the role. */
export type ClientCaseDefinition = Omit<CaseDefinition<ClientCaseContext>, 'role'>

/** Declares a client case (id `client.<area>.<name>`), checked at load time. */
export function clientCase(definition: ClientCaseDefinition): CaseDefinition<ClientCaseContext> {
  return defineCase<ClientCaseContext>({ ...definition, role: 'client' })
}
