/**
 * A run plan as the CLI hands it to runner workers: serialisable jobs, one per worker (one vitest test
 * file each). A job names its suite by module and name, its target as data, and the cases it runs.
 */
import type { X402Version } from '../wire/types.ts'
import type { TargetSpec } from './fixture.ts'

/** Options every case run of a job shares. */
export interface RunOptions {
  /** Per-case timeout (ms); a case's own `timeoutMs` wins. */
  timeoutMs: number
  /** Cases of one worker running at once. */
  concurrency: number
  /** Keep stacks of unexpected errors as evidence. */
  verbose: boolean
  /** The run seed. */
  seed: number
  /** `--x402-version`: only these versions (default: every version the target supports). */
  versions?: X402Version[]
  /** How long a started target has to answer (ms). */
  readyTimeoutMs?: number
  /** `--rpc`: attach to this devnet instead of starting one per worker. */
  rpcUrl?: string
  /** A directory of this run where the copies of a started target take turns (targets/replica-gate.ts). */
  gateDir?: string
}

/** A target as data: what the user named, or one of a suite's reference implementations. */
export type JobTarget = Exclude<TargetSpec, { kind: 'in-process' }> | { kind: 'reference'; name: string }

/** The work of one runner worker. */
export interface WorkerJob {
  /** The report this job's results go to (one per target; `demo` has several). */
  group: string
  /** Module exporting the `suites` registry (file URL). */
  suitesModule: string
  /** Name of the suite in that registry. */
  suite: string
  target: JobTarget
  /** 0 for the first worker of a group; replicas of a started target use their own ports. */
  replica: number
  /** The port of this replica's copy of a started target, chosen (and announced) by the CLI. */
  port?: number
  /** Ids of the cases to run, in order. */
  cases: string[]
  options: RunOptions
}
