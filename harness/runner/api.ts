/**
 * The in-process API for SDK authors: run the conformance suites inside your own vitest run against
 * an implementation created in the test process.
 *
 * ```ts
 * // my-server.conformance.test.ts
 * import { conformance } from 'x402-conformance'
 * await conformance.server({
 *   label: 'my-server',
 *   create: async (env) => {            // env: X402_RPC_URL, X402_FACILITATOR_URL, X402_PAY_TO, ...
 *     const server = await startMyServer(env)
 *     return { url: `${server.url}/paid`, stop: () => server.close() }
 *   },
 * })
 * ```
 *
 * Each call boots its own devnet and built-in facilitator while the file is collected, registers one
 * vitest test per case × supported version (a `fail` or `error` fails it, a `skip` skips it), and
 * stops everything after the file's tests.
 */
import type { Role } from '../model/result.ts'
import type { X402Version } from '../wire/types.ts'
import type { InProcessTarget } from './fixture.ts'
import { registerSuite } from './register.ts'
import { randomSeed } from './seed.ts'
import { type CaseFilters, selectCases } from './select.ts'
import type { RoleSuite } from './suite.ts'

/** Options of `conformance.server` / `.client` / `.facilitator`. */
export interface InProcessOptions {
  /** Creates the implementation from the environment a started target would get. */
  create: (environment: Record<string, string>) => Promise<InProcessTarget>
  /** Name of the implementation in test names. Default `in-process`. */
  label?: string
  /** Case id globs, tags, requirement ids or versions to limit the run to. */
  filters?: Omit<CaseFilters, 'roles'>
  /** Per-case timeout (ms). Default 20 s. */
  timeoutMs?: number
  /** Seed of property cases. Default random (each case records its own seed). */
  seed?: number
  /** The suites to take cases from. Default: the ones the entry that made this API hands it. */
  suites?: readonly RoleSuite[]
}

/** The conformance API of one role. */
export type Conformance = Record<Role, (options: InProcessOptions) => Promise<void>>

async function run(
  role: Role,
  options: InProcessOptions,
  defaultSuites: () => Promise<readonly RoleSuite[]>,
): Promise<void> {
  const suites = (options.suites ?? (await defaultSuites())).filter((suite) => suite.role === role)
  const selected = selectCases(suites, options.filters ?? {})
  const versions: X402Version[] | undefined = options.filters?.versions
    ? [...options.filters.versions]
    : undefined
  const seed = options.seed ?? randomSeed()
  for (const suite of suites) {
    const caseIds = selected.filter((entry) => entry.suite === suite.name).map((entry) => entry.meta.id)
    if (caseIds.length === 0) continue
    await registerSuite(
      suite,
      { kind: 'in-process', label: options.label ?? 'in-process', create: options.create },
      {
        mode: 'assert',
        group: suite.name,
        replica: 0,
        caseIds,
        timeoutMs: options.timeoutMs ?? 20_000,
        concurrency: 4,
        verbose: false,
        seed,
        ...(versions ? { versions } : {}),
      },
    )
  }
}

/**
 * The API that registers the conformance suites of each role in the current vitest file (await a call
 * at top level), taking cases from `defaultSuites` unless a call names its own. The library entry
 * (index.ts) makes it with the project's suites.
 */
export function createConformance(defaultSuites: () => Promise<readonly RoleSuite[]>): Conformance {
  return {
    server: (options) => run('server', options, defaultSuites),
    client: (options) => run('client', options, defaultSuites),
    facilitator: (options) => run('facilitator', options, defaultSuites),
    'mcp-server': (options) => run('mcp-server', options, defaultSuites),
    'mcp-client': (options) => run('mcp-client', options, defaultSuites),
  }
}
