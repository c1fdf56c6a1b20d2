/**
 * The seam between the generic runner and a role's suite. A role fixture knows how to exercise a target
 * of its role and build the context its cases run with; the runner knows how to select, schedule,
 * time out and record cases, and owns the target's lifecycle (harness/targets: it starts, checks and
 * stops it). Each runner worker calls `setup` once with the attached target, then `context` once per
 * case run.
 */
import type { Devnet } from '../devnet/types.ts'
import type { RunningFacilitator } from '../facilitator/index.ts'
import type { Capability } from '../model/case.ts'
import type { EvidenceRecorder } from '../model/evidence.ts'
import type { Role } from '../model/result.ts'
import type { Target } from '../targets/types.ts'
import type { X402Version } from '../wire/types.ts'

export type { ClientReport } from '../targets/client-report.ts'
export type { PayOptions, Target } from '../targets/types.ts'

/** How the user named the target. */
export type TargetSpec =
  /** Already running; reachable at `url`, wired to a devnet the harness can reach (`rpcUrl`). */
  | { kind: 'url'; url: string; rpcUrl?: string }
  /** Started by the harness with the DESIGN.md environment; `url` is where it will listen (servers, facilitators). */
  | { kind: 'start'; command: string; url?: string }
  /** A long-running client driven by `POST {url}` (clients only). */
  | { kind: 'driver'; url: string }
  /** A TypeScript implementation in this process (see the role's in-process adapter). */
  | {
      kind: 'in-process'
      label: string
      create: (environment: Record<string, string>) => Promise<InProcessTarget>
    }

/** An implementation running in this process: its URL (for servers/facilitators) and how to stop it. */
export interface InProcessTarget {
  url?: string
  /**
   * For clients: pay for `url` once and report the outcome (DESIGN.md client contract). `environment`
   * is the worker's environment with this payment's overrides (e.g. a fresh payer's `X402_PRIVATE_KEY`).
   */
  pay?: (url: string, environment: Record<string, string>) => Promise<unknown>
  stop(): Promise<void>
}

/** What the runner gives a worker: its own devnet, and the built-in facilitator when the role uses one. */
export interface WorkerEnvironment {
  devnet: Devnet
  /** The built-in facilitator's URL (servers are wired to it; it is the suite's oracle). */
  facilitatorUrl: string
  /** The built-in facilitator itself, for its call log (`log`) and per-payer faults (`faults`). */
  facilitator: RunningFacilitator
  /** Base seed of the run, for property cases. */
  seed: number
}

/** Passed to `context()` for one case run. */
export interface CaseRunInfo {
  caseId: string
  version: X402Version
  evidence: EvidenceRecorder
  /** Aborted when the case times out; long waits must honour it. */
  signal: AbortSignal
  /** Seed for this case run (derived from the run seed and the case id). */
  seed: number
  /**
   * Runs `wait` with the case's timeout paused: for waiting a turn at a resource other cases hold
   * (the devnet's case gate), never for the case's own work (harness/runner/case-clock.ts).
   */
  untimed?<T>(wait: Promise<T>): Promise<T>
}

/** A target attached or started for one worker. */
export interface RoleSession<Context> {
  /** Protocol versions the target supports, as it shows them (challenge, /supported, or both for clients). */
  versions: readonly X402Version[]
  /** Capabilities the target offers (cases needing others are skipped). */
  capabilities: readonly Capability[]
  /** A short description of the target for the report. */
  label: string
  context(run: CaseRunInfo): Promise<Context>
  /** Stops whatever `setup` started. Must be safe to call after a failed setup step. */
  teardown(): Promise<void>
}

export interface RoleFixture<Context> {
  role: Role
  /**
   * Builds the session for one worker. `target` is already started (when the harness starts it) and
   * answering; the runner stops it after `teardown`, so the fixture never stops it itself.
   */
  setup(environment: WorkerEnvironment, target: Target): Promise<RoleSession<Context>>
}
