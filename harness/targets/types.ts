/**
 * A target as the runner hands it to a role fixture: already started (when the harness starts it),
 * already checked reachable, and uniform over how the user named it (URL, start command, driver URL,
 * in-process). The runner owns its lifecycle; fixtures only use it.
 */
import type { TargetEnvironment } from '../devnet/environment.ts'
import type { ClientReport } from './client-report.ts'
import type { OutputWindow } from './output-log.ts'

/** Options of one client payment attempt. */
export interface PayOptions {
  /** Aborted when the case times out: the client process is killed, the request dropped. */
  signal: AbortSignal
  /**
   * Environment overrides for this attempt, e.g. `X402_PRIVATE_KEY` of a fresh funded payer. Used by
   * start commands and in-process clients; a driver (a long-running client) has its own key.
   */
  environment?: Partial<TargetEnvironment>
}

/** The implementation under test, ready to be exercised. */
export interface Target {
  /** How the user named it: `url`, `start`, `driver`, `in-process`. */
  kind: 'url' | 'start' | 'driver' | 'in-process'
  /** A short description for the report (the URL, the command, the in-process label). */
  label: string
  /** Servers and facilitators: the URL to test (a started replica's own port). */
  url?: string
  /** Clients: pays for `url` once and returns the client's report (throws `CheckFailure` on garbage). */
  pay?: (url: string, options: PayOptions) => Promise<ClientReport>
  /**
   * The environment the harness started it with (start commands and in-process targets). When set, the
   * target settles on the worker's devnet through the built-in facilitator; when absent (a URL or a
   * driver), the harness cannot assume how it is wired.
   */
  environment?: TargetEnvironment
  /** Why the target can no longer be used (e.g. its process exited), or `undefined` while it can. */
  problem(): string | undefined
  /** What the target's processes write (started targets and client commands), for each case's evidence. */
  output?: OutputWindow
}

/** A target plus what only the runner may do with it. */
export interface AttachedTarget extends Target {
  /** Stops what the harness started for it (nothing for URLs and drivers). Safe to call twice. */
  stop(): Promise<void>
  /** Something the user should hear once about how it was started (e.g. it ignores $PORT). */
  notice?: string
}
