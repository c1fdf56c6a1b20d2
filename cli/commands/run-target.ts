/** A target of a run command as the CLI plans it: its report group, role, suites and how to reach it. */
import type { Role } from '../../harness/model/result.ts'
import type { JobTarget } from '../../harness/runner/plan.ts'
import type { RoleSuite } from '../../harness/runner/suite.ts'

/** One target of a run; each gets its own report. */
export interface RunTarget {
  /** Report key; with several targets (demo) also the report sub-folder and the progress label. */
  group: string
  role: Role
  /** Which registered suites apply to this target. */
  suites: (suite: RoleSuite) => boolean
  target: JobTarget
  /** Whether each worker may start its own copy (start commands, in-process, client commands). */
  replicable: boolean
  /** How the report names the target. */
  describe: { url?: string; command?: string; label?: string }
  /** A URL checked from the CLI before anything starts (URL targets and drivers). */
  precheck?: string
}
