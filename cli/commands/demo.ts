/**
 * `x402-conformance demo [options]`: every registered suite against the project's own reference
 * implementations, each on its own devnet; one report sub-folder per reference implementation.
 */
import { parseArgs } from 'node:util'
import { loadSuites } from '../../harness/runner/suite.ts'
import { parseRunSettings, RUN_OPTIONS, RUN_OPTIONS_HELP } from '../options.ts'
import { DEFAULT_SUITES_MODULE } from '../suites-module.ts'
import { UsageError } from '../usage.ts'
import type { RunTarget } from './run.ts'

/** `demo --help`. */
export const demoUsage = `usage: x402-conformance demo [options]

  runs every suite against the project's reference implementations and writes one report folder per
  implementation under --report (default ./x402-report)

${RUN_OPTIONS_HELP}`

/** Runs every suite against its reference implementations; returns the worst exit code. */
export async function demoCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { ...RUN_OPTIONS, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  })
  if (values.help) {
    process.stdout.write(`${demoUsage}\n`)
    return 0
  }
  if (positionals.length > 0)
    throw new UsageError(`demo takes no positional argument, got '${positionals[0]}'`)
  const settings = parseRunSettings(values)
  const suites = await loadSuites(settings.suitesModule ?? DEFAULT_SUITES_MODULE)
  const targets: RunTarget[] = []
  for (const suite of suites) {
    if (settings.filters.roles && !settings.filters.roles.includes(suite.role)) continue
    for (const reference of suite.references ?? []) {
      targets.push({
        group: reference.name,
        role: suite.role,
        suites: (candidate) => candidate.name === suite.name,
        target: { kind: 'reference', name: reference.name },
        replicable: reference.target.kind === 'start' || reference.target.kind === 'in-process',
        describe: { label: reference.name },
      })
    }
  }
  if (targets.length === 0) throw new Error('no suite has a reference implementation yet (suites/index.ts)')
  const names = targets.map((target) => target.group)
  const twice = names.find((name, index) => names.indexOf(name) !== index)
  if (twice !== undefined) throw new Error(`two reference implementations are named '${twice}'`)
  return (await import('./run.ts')).executeRuns({ command: 'demo', argv }, settings, targets)
}
