/**
 * External programs some report tests need (CI installs them, see .ci/run). A missing one fails the test
 * with a message saying what to install; it never turns into a silent pass.
 */
import { execFileSync } from 'node:child_process'
import { accessSync, constants } from 'node:fs'

/** Path of xmllint (libxml2-utils); override with XMLLINT. */
export const XMLLINT = process.env.XMLLINT ?? '/usr/bin/xmllint'
/** Path of Chromium; override with CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Throws a clear error when `path` is not an executable file. */
export function requireTool(path: string, install: string): void {
  try {
    accessSync(path, constants.X_OK)
  } catch {
    throw new Error(
      `${path} is missing or not executable: this test needs it (${install}). CI installs it in .ci/run.`,
    )
  }
}

/** Runs xmllint and returns its stdout, stderr and exit status (never throws on a non-zero status). */
export function xmllint(args: readonly string[]): { status: number; stdout: string; stderr: string } {
  requireTool(XMLLINT, 'apt-get install libxml2-utils')
  try {
    const stdout = execFileSync(XMLLINT, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    return { status: 0, stdout, stderr: '' }
  } catch (error) {
    const failed = error as { status?: number; stdout?: string; stderr?: string }
    return { status: failed.status ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' }
  }
}
