/**
 * `x402-conformance server <url> [--start "<cmd>"] [options]`: runs the server suites against a resource
 * server, already running at `<url>` or started by the harness (listening on $PORT, the URL's port).
 */
import { parseArgs } from 'node:util'
import { parseLoopbackUrl } from '../loopback.ts'
import { parseRunSettings, RUN_OPTIONS, RUN_OPTIONS_HELP } from '../options.ts'
import { UsageError } from '../usage.ts'

/** `--offer <file>`: validated here (a bad file is a usage error), handed to the workers by environment. */
async function useOffer(file: string): Promise<void> {
  const { loadUserOffer, OFFER_ENV } = await import('../../suites/server/offer.ts')
  const offer = await loadUserOffer(file).catch((error: Error) => {
    throw new UsageError(error.message)
  })
  process.env[OFFER_ENV] = JSON.stringify(offer)
}

/** `server --help`. */
export const serverUsage = `usage: x402-conformance server <url> [--start "<cmd>"] [options]

  <url>            a paywalled endpoint of the server (its 402 challenge is read there)
  --start "<cmd>"  start the server with the devnet environment (X402_*, PORT = the URL's port)
  --offer <file>   the terms to pay when the challenge is unreadable: {"x402Version": 1|2,
                   "accepts": [PaymentRequirements…]}, checked with the wire schemas

${RUN_OPTIONS_HELP}`

/** Runs the server suites; returns the exit code (0 conformant, 1 not, 2 the run could not be done). */
export async function serverCommand(argv: string[]): Promise<number> {
  return urlRoleCommand('server', argv)
}

/** Shared by `server` and `facilitator`: one URL, optionally started by the harness. */
export async function urlRoleCommand(role: 'server' | 'facilitator', argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      ...RUN_OPTIONS,
      start: { type: 'string' },
      offer: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  })
  if (values.help) {
    process.stdout.write(`${role === 'server' ? serverUsage : facilitatorUsageText}\n`)
    return 0
  }
  if (positionals.length !== 1)
    throw new UsageError(`${role} needs exactly one <url> (x402-conformance ${role} --help)`)
  const url = parseLoopbackUrl(positionals[0]!, `the ${role} URL`)
  const settings = parseRunSettings(values)
  const command = values.start
  if (command !== undefined && command.trim() === '') throw new UsageError('--start needs a command')
  if (values.offer !== undefined) {
    if (role !== 'server') throw new UsageError('--offer is an option of the server command')
    await useOffer(values.offer)
  }
  return (await import('./run.ts')).executeRuns({ command: role, argv }, settings, [
    {
      group: role,
      role,
      suites: (suite) => suite.role === role,
      target: command === undefined ? { kind: 'url', url } : { kind: 'start', command, url },
      replicable: command !== undefined,
      describe: command === undefined ? { url, label: url } : { url, command, label: command },
      ...(command === undefined ? { precheck: url } : {}),
    },
  ])
}

const facilitatorUsageText = `usage: x402-conformance facilitator <url> [--start "<cmd>"] [options]

  <url>            the facilitator's base URL (/verify, /settle, /supported under it)
  --start "<cmd>"  start the facilitator with the devnet environment (X402_*, PORT = the URL's port)

${RUN_OPTIONS_HELP}`

/** `facilitator --help`. */
export const facilitatorUsage: string = facilitatorUsageText
