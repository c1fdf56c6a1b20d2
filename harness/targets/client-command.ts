/**
 * `client --start "<cmd containing {url}>"`: the client under test is run once per payment, with
 * `{url}` replaced by the case's endpoint, and prints one JSON line (DESIGN.md client contract).
 */
import type { TargetEnvironment } from '../devnet/environment.ts'
import { parseClientOutput } from './client-report.ts'
import { OutputLog } from './output-log.ts'
import { type CommandProcess, startCommand } from './process.ts'
import type { AttachedTarget, PayOptions } from './types.ts'

/** Quotes a value for a POSIX shell command line. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`
}

/** A client target that runs `command` for each payment. Nothing runs until `pay` is called. */
export function commandClient(command: string, environment: TargetEnvironment): AttachedTarget {
  const running = new Set<CommandProcess>()
  // One log for every run of the client, so each case's evidence holds what its runs wrote.
  const output = new OutputLog()
  return {
    kind: 'start',
    label: command,
    environment,
    output,
    async pay(url: string, options: PayOptions) {
      const line = command.replaceAll('{url}', shellQuote(url))
      const env: Record<string, string> = { ...environment }
      for (const [name, value] of Object.entries(options.environment ?? {})) {
        if (value !== undefined) env[name] = value
      }
      const client = startCommand(line, { env, name: `client:${url}`, output })
      running.add(client)
      const abort = () => void client.stop(500)
      options.signal.addEventListener('abort', abort, { once: true })
      try {
        await client.exited
        if (options.signal.aborted) throw options.signal.reason ?? new Error('aborted')
        const exit = client.exit()
        const from = `the client command (${exit}${stderrNote(client.stderrExcerpt())})`
        return parseClientOutput(client.stdout(), from)
      } finally {
        options.signal.removeEventListener('abort', abort)
        await client.stop(500)
        running.delete(client)
      }
    },
    problem: () => undefined,
    async stop() {
      await Promise.all([...running].map((client) => client.stop(500)))
    },
  }
}

function stderrNote(excerpt: string): string {
  return excerpt === '' ? '' : `; last output: ${excerpt}`
}
