/**
 * What a run produces. The runner writes these objects; the report writers only read them.
 * `RunReport` is serialised as `report.json` and validated by `reports/schema/report.schema.json`.
 */
import type { X402Version } from '../wire/types.ts'

/** The role of the implementation under test. */
export type Role = 'server' | 'client' | 'facilitator' | 'mcp-server' | 'mcp-client'

/** Requirement strength. `schema` is a field the spec marks Required in a schema table. */
export type Level = 'MUST' | 'SHOULD' | 'MAY' | 'schema'

/**
 * pass: the requirement holds. fail: a MUST (or schema) requirement is broken. warn: a SHOULD is broken.
 * info: behaviour the spec leaves open, recorded. skip: not applicable (reason given).
 * error: the suite or the target's environment broke; never counted as conformance.
 */
export type Outcome = 'pass' | 'fail' | 'warn' | 'info' | 'skip' | 'error'

export const OUTCOMES: readonly Outcome[] = ['pass', 'fail', 'warn', 'info', 'skip', 'error']

/** Where a requirement is written down. */
export interface SpecRef {
  file: string
  section: string
  /** The snapshot the file was read at, when it is not the run's pinned `spec` (e.g. a newer foundation commit). */
  source?: { repository: string; commit: string }
}

/** One HTTP exchange the suite saw, with the x402 headers decoded where they could be. */
export interface HttpEvidence {
  kind: 'http'
  label?: string
  request: { method: string; url: string; headers: Record<string, string>; body?: string }
  response?: { status: number; headers: Record<string, string>; body?: string }
  /** Decoded x402 headers/bodies keyed by header name (e.g. `payment-required`), or the decode error. */
  decoded?: Record<string, unknown>
  error?: string
  durationMs?: number
}

/** EIP-712 typed data that was signed (by the suite or by the client under test). */
export interface TypedDataEvidence {
  kind: 'typed-data'
  label?: string
  signer: string
  domain: Record<string, unknown>
  primaryType: string
  message: Record<string, unknown>
  signature: string
}

/** A call the target made to the built-in facilitator, or the suite made to a facilitator under test. */
export interface FacilitatorCallEvidence {
  kind: 'facilitator-call'
  endpoint: 'verify' | 'settle' | 'supported' | string
  request?: unknown
  response?: unknown
  status?: number
  at: string
}

export interface TransactionEvidence {
  kind: 'transaction'
  label?: string
  hash: string
  status: 'success' | 'reverted' | 'missing'
  from?: string
  to?: string
  /** Token transfers decoded from the receipt's logs. */
  transfers?: { from: string; to: string; value: string }[]
}

export interface BalanceEvidence {
  kind: 'balance'
  label: string
  address: string
  before: string
  after: string
  delta: string
}

/** A property case's replay data: fast-check seed and path, and the shrunk counterexample. */
export interface PropertyEvidence {
  kind: 'property'
  seed: number
  path?: string
  numRuns: number
  counterexample?: unknown
  /** A command line that replays exactly this run. */
  replay: string
}

export interface NoteEvidence {
  kind: 'note'
  text: string
  data?: unknown
}

export type Evidence =
  | HttpEvidence
  | TypedDataEvidence
  | FacilitatorCallEvidence
  | TransactionEvidence
  | BalanceEvidence
  | PropertyEvidence
  | NoteEvidence

/** The result of one case run at one protocol version. */
export interface CaseResult {
  /** Permanent case id, e.g. `server.payment.underpayment`. */
  id: string
  /** The protocol version this run used. */
  version: X402Version
  title: string
  role: Role
  requirements: string[]
  level: Level
  tags: string[]
  outcome: Outcome
  /** One line saying why, for everything but a plain pass. */
  message?: string
  expected?: string
  seen?: string
  spec?: SpecRef[]
  /**
   * Set when the case was not run because a case it depends on (`dependsOn`) failed or erred at this
   * version: the outcome is `skip`, and that case's result carries the cause.
   */
  blockedBy?: { id: string; outcome: Outcome; message?: string }
  durationMs: number
  evidence: Evidence[]
}

export interface OutcomeCounts {
  total: number
  pass: number
  fail: number
  warn: number
  info: number
  skip: number
  error: number
}

/** Coverage of one catalogue requirement by this run. */
export interface RequirementCoverage {
  id: string
  level: Level
  role: Role | 'any'
  statement: string
  spec: SpecRef
  /** Ids of the cases that check it (whether or not they were selected). */
  cases: string[]
  /** Worst outcome seen for it in this run, if any case for it ran. */
  outcome?: Outcome
  /** Why no case exists, where none does. */
  uncovered?: string
  /** Set when the catalogue puts the requirement out of the suite's current scope (MCP, SVM, upto...). */
  scope?: 'later'
}

export interface RunReport {
  /** Version of report.schema.json this document follows. */
  schemaVersion: '1.0.0'
  suite: { name: 'x402-conformance'; version: string }
  spec: { repository: string; commit: string }
  target: {
    role: Role
    url?: string
    command?: string
    label?: string
    versions: X402Version[]
  }
  startedAt: string
  finishedAt: string
  durationMs: number
  seed: number
  shard?: { index: number; count: number }
  /** The command line that reproduces the run. */
  command: string
  results: CaseResult[]
  summary: OutcomeCounts
  coverage: {
    requirements: RequirementCoverage[]
    /** Per role: all requirements, those with at least one case, and those out of scope for now. */
    byRole: Record<string, { requirements: number; covered: number; later: number }>
  }
  /** Differences from a baseline of expected outcomes, when one was given. */
  baseline?: {
    file: string
    unexpectedFailures: { key: string; expected: Outcome; seen: Outcome }[]
    unexpectedPasses: { key: string; expected: Outcome; seen: Outcome }[]
  }
  /** Problems that stopped the run or part of it (target unreachable, devnet failed). */
  runErrors: string[]
  verdict: 'conformant' | 'not-conformant' | 'incomplete'
  exitCode: 0 | 1 | 2
}
