/**
 * Every role suite of the project. The CLI selects cases from here, runner workers load their suite
 * from here, and `demo` runs each suite against its reference implementations.
 *
 * Suite authors: declare yours with `defineSuite` (harness/runner/suite.ts) in your role's folder and
 * add it to this list, e.g. `import { serverSuite } from './server/index.ts'` then `serverSuite,`.
 */
import type { RoleSuite } from '../harness/runner/suite.ts'
import { clientSuite } from './client/index.ts'
import { facilitatorSuite } from './facilitator/index.ts'
import { mcpClientSuite } from './mcp-client/index.ts'
import { mcpServerSuite } from './mcp-server/index.ts'
import { serverSuite } from './server/index.ts'

/** The registered suites, in the order `demo` runs them. */
export const suites: readonly RoleSuite[] = [
  serverSuite,
  clientSuite,
  facilitatorSuite,
  mcpServerSuite,
  mcpClientSuite,
]
