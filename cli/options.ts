/**
 * The options every run command shares (server, client, facilitator, demo), parsed into settings.
 * Every mistake is a `UsageError`: one line, exit code 2.
 */
import { availableParallelism } from 'node:os'
import { isAbsolute, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Role } from '../harness/model/result.ts'
import type { CaseFilters, Shard } from '../harness/runner/select.ts'
import type { X402Version } from '../harness/wire/types.ts'
import { parseLoopbackUrl } from './loopback.ts'
import { UsageError } from './usage.ts'

/** `parseArgs` option declarations of the common options. */
export const RUN_OPTIONS = {
  'x402-version': { type: 'string', multiple: true },
  report: { type: 'string' },
  rpc: { type: 'string' },
  baseline: { type: 'string' },
  'write-baseline': { type: 'string' },
  quiet: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  verbose: { type: 'boolean', default: false },
  case: { type: 'string', multiple: true },
  tag: { type: 'string', multiple: true },
  requirement: { type: 'string', multiple: true },
  role: { type: 'string', multiple: true },
  shard: { type: 'string' },
  seed: { type: 'string' },
  timeout: { type: 'string' },
  'ready-timeout': { type: 'string' },
  concurrency: { type: 'string' },
  workers: { type: 'string' },
  list: { type: 'boolean', default: false },
  suites: { type: 'string' },
} as const

/** Help text of the common options. */
export const RUN_OPTIONS_HELP = `common options:
  --x402-version 1|2     only this protocol version (default: every version the target supports)
  --report <dir>         where to write the report folder (default ./x402-report)
  --rpc <url>            attach to a running devnet (x402-conformance devnet, on loopback) instead of
                         starting one
  --baseline <file>      compare with expected outcomes: any unexpected failure or pass exits 1
  --write-baseline <f>   write this run's outcomes as a baseline file
  --case <glob>          only cases whose id matches (repeatable, * and ? wildcards)
  --tag <tag>            only cases with this tag (repeatable)
  --requirement <id>     only cases checking this requirement, e.g. RS-15 (repeatable)
  --role <role>          only suites of this role (demo)
  --shard <i>/<n>        run the i-th of n disjoint parts of the selection (merge them with merge)
  --seed <n>             seed of property cases (default random; printed and recorded)
  --timeout <s>          per-case timeout in seconds (default 20); also 500ms
  --ready-timeout <s>    how long a started target has to answer (default 30)
  --concurrency <n>      cases at once per worker (default 4)
  --workers <n>          parallel workers (default: automatic); each worker starts its own copy of a
                         --start target, on a free port of its own: --workers 1 forbids extra copies
  --list                 print the selected cases and exit
  --quiet                print only the final line (and run errors, on stderr)
  --json                 print report.json on stdout (progress goes to stderr)
  --verbose              keep stacks of unexpected errors in the report`

/** Values `parseArgs` returns for `RUN_OPTIONS`. */
export interface RunOptionValues {
  'x402-version'?: string[]
  report?: string
  rpc?: string
  baseline?: string
  'write-baseline'?: string
  quiet?: boolean
  json?: boolean
  verbose?: boolean
  case?: string[]
  tag?: string[]
  requirement?: string[]
  role?: string[]
  shard?: string
  seed?: string
  timeout?: string
  'ready-timeout'?: string
  concurrency?: string
  workers?: string
  list?: boolean
  suites?: string
}

/** The common options, checked. */
export interface RunSettings {
  reportDir: string
  rpcUrl?: string
  baselineFile?: string
  writeBaselineFile?: string
  quiet: boolean
  json: boolean
  verbose: boolean
  list: boolean
  filters: CaseFilters
  versions?: X402Version[]
  shard?: Shard
  /** Given with `--seed`; otherwise the run picks one. */
  seed?: number
  timeoutMs: number
  readyTimeoutMs: number
  concurrency: number
  /** Given with `--workers`; otherwise automatic. */
  workers?: number
  /** URL of the module listing the suites (`--suites`, default suites/index.ts). */
  suitesModule?: string
}

const ROLES: readonly Role[] = ['server', 'client', 'facilitator', 'mcp-server', 'mcp-client']

/** Checks the common options. */
export function parseRunSettings(values: RunOptionValues): RunSettings {
  const versions = values['x402-version']?.flatMap(split).map(parseVersion)
  const roles = values.role?.flatMap(split).map((role) => {
    if (!(ROLES as readonly string[]).includes(role))
      throw new UsageError(
        `--role must be server, client, facilitator, mcp-server or mcp-client, got '${role}'`,
      )
    return role as Role
  })
  const filters: CaseFilters = {
    ...(values.case ? { ids: values.case.flatMap(split) } : {}),
    ...(values.tag ? { tags: values.tag.flatMap(split) } : {}),
    ...(values.requirement ? { requirements: values.requirement.flatMap(split) } : {}),
    ...(roles ? { roles } : {}),
    ...(versions ? { versions } : {}),
  }
  const rpcUrl = values.rpc === undefined ? undefined : parseLoopbackUrl(values.rpc, '--rpc')
  return {
    reportDir: resolve(values.report ?? 'x402-report'),
    ...(rpcUrl === undefined ? {} : { rpcUrl }),
    ...(values.baseline === undefined ? {} : { baselineFile: resolve(values.baseline) }),
    ...(values['write-baseline'] === undefined
      ? {}
      : { writeBaselineFile: resolve(values['write-baseline']) }),
    quiet: values.quiet ?? false,
    json: values.json ?? false,
    verbose: values.verbose ?? false,
    list: values.list ?? false,
    filters,
    ...(versions ? { versions: [...new Set(versions)] } : {}),
    ...(values.shard === undefined ? {} : { shard: parseShard(values.shard) }),
    ...(values.seed === undefined ? {} : { seed: parseInteger(values.seed, '--seed', 0, 2 ** 31 - 2) }),
    timeoutMs: values.timeout === undefined ? 20_000 : parseDuration(values.timeout, '--timeout'),
    readyTimeoutMs:
      values['ready-timeout'] === undefined
        ? 30_000
        : parseDuration(values['ready-timeout'], '--ready-timeout'),
    concurrency:
      values.concurrency === undefined ? 4 : parseInteger(values.concurrency, '--concurrency', 1, 64),
    ...(values.workers === undefined
      ? {}
      : { workers: parseInteger(values.workers, '--workers', 1, Math.max(16, availableParallelism())) }),
    ...(values.suites === undefined ? {} : { suitesModule: moduleUrl(values.suites) }),
  }
}

/** `i/n` with 1 ≤ i ≤ n. */
export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value)
  const index = Number(match?.[1])
  const count = Number(match?.[2])
  if (!match || count < 1 || index < 1 || index > count)
    throw new UsageError(`--shard must be i/n with 1 <= i <= n, got '${value}'`)
  return { index, count }
}

/** Seconds (`20`, `1.5`, `20s`) or milliseconds (`500ms`), as milliseconds. */
export function parseDuration(value: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(value)
  if (!match) throw new UsageError(`${flag} must be a duration in seconds (20, 1.5, 500ms), got '${value}'`)
  const ms = match[2] === 'ms' ? Number(match[1]) : Number(match[1]) * 1000
  if (ms < 1) throw new UsageError(`${flag} must be positive, got '${value}'`)
  return Math.round(ms)
}

function parseInteger(value: string, flag: string, min: number, max: number): number {
  const number = Number(value)
  if (!/^\d+$/.test(value) || number < min || number > max)
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got '${value}'`)
  return number
}

function parseVersion(value: string): X402Version {
  if (value !== '1' && value !== '2') throw new UsageError(`--x402-version must be 1 or 2, got '${value}'`)
  return Number(value) as X402Version
}

function split(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
}

function moduleUrl(value: string): string {
  if (/^[a-z]+:/.test(value)) return value
  return pathToFileURL(isAbsolute(value) ? value : resolve(value)).href
}
