/**
 * `x402-conformance facilitator <url> [--start "<cmd>"] [options]`: runs the facilitator suites against a
 * facilitator, already running at `<url>` or started by the harness.
 */
import { urlRoleCommand } from './server.ts'

export { facilitatorUsage } from './server.ts'

/** Runs the facilitator suites; returns the exit code. */
export async function facilitatorCommand(argv: string[]): Promise<number> {
  return urlRoleCommand('facilitator', argv)
}
