/**
 * `x402-conformance client (--start "<cmd containing {url}>" | --driver <url>) [options]`: runs the client
 * suites. A start command runs once per payment with `{url}` replaced; a driver is asked by POST.
 */
import { parseArgs } from 'node:util'
import { parseLoopbackUrl } from '../loopback.ts'
import { parseRunSettings, RUN_OPTIONS, RUN_OPTIONS_HELP } from '../options.ts'
import { UsageError } from '../usage.ts'

/** `client --help`. */
export const clientUsage = `usage: x402-conformance client (--start "<cmd containing {url}>" | --driver <url>) [options]

  --start "<cmd>"  run the client once per payment, {url} replaced by the endpoint to pay for; it prints
                   one JSON line {"success", "status", "body", "paymentResponse"} and exits
  --driver <url>   a long-running client: POST {"url": ...} answers with the same JSON

${RUN_OPTIONS_HELP}`

/** Runs the client suites; returns the exit code. */
export async function clientCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      ...RUN_OPTIONS,
      start: { type: 'string' },
      driver: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  })
  if (values.help) {
    process.stdout.write(`${clientUsage}\n`)
    return 0
  }
  if (positionals.length > 0)
    throw new UsageError(`client takes no positional argument, got '${positionals[0]}'`)
  if ((values.start === undefined) === (values.driver === undefined))
    throw new UsageError('client needs exactly one of --start "<cmd containing {url}>" or --driver <url>')
  const settings = parseRunSettings(values)
  if (values.start !== undefined) {
    const command = values.start
    if (!command.includes('{url}')) throw new UsageError('--start needs a command containing {url}')
    return (await import('./run.ts')).executeRuns({ command: 'client', argv }, settings, [
      {
        group: 'client',
        role: 'client',
        suites: (suite) => suite.role === 'client',
        target: { kind: 'start', command },
        replicable: true,
        describe: { command, label: command },
      },
    ])
  }
  const driver = parseLoopbackUrl(values.driver!, '--driver')
  return (await import('./run.ts')).executeRuns({ command: 'client', argv }, settings, [
    {
      group: 'client',
      role: 'client',
      suites: (suite) => suite.role === 'client',
      target: { kind: 'driver', url: driver },
      replicable: false,
      describe: { url: driver, label: driver },
      precheck: driver,
    },
  ])
}
