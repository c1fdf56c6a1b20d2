/** `serverCase`: `defineCase` for the server role, so case files only say what is specific to them. */
import { type CaseDefinition, defineCase } from '../../harness/model/case.ts'
import type { ServerContext } from './context.ts'

/** A server case: everything but the role. */
export type ServerCaseDefinition = Omit<CaseDefinition<ServerContext>, 'role'>

/** Declares a server case (id `server.<area>.<name>`), checked at load time. */
export function serverCase(definition: ServerCaseDefinition): CaseDefinition<ServerContext> {
  return defineCase<ServerContext>({ ...definition, role: 'server' })
}
