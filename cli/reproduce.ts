/** The command line that re-runs a run, as every report format prints it ("Reproduce"). */
import { shellQuote } from '../harness/targets/client-command.ts'

/** How the CLI was called: the sub-command and the words after it. */
export interface Invocation {
  command: string
  argv: readonly string[]
}

/**
 * `x402-conformance <command> <argv…>` with shell quoting, plus `--seed` when the run picked its own:
 * the same sub-command, target, start command, versions, filters and seed re-run the same cases.
 */
export function reproduceCommand(invocation: Invocation, pickedSeed: number | undefined): string {
  const words = ['x402-conformance', invocation.command, ...invocation.argv].map((word) =>
    /^[\w./:@=,+-]+$/.test(word) ? word : shellQuote(word),
  )
  if (pickedSeed !== undefined) words.push('--seed', String(pickedSeed))
  return words.join(' ')
}
