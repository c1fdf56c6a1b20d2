/** Errors of a run command that are the user's to fix (exit code 2, one line). */
import { UsageError } from '../usage.ts'

/** The `--baseline` file is missing or malformed. */
export class BaselineUsageError extends UsageError {
  override name = 'BaselineUsageError'
}
