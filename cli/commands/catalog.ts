/** `x402-conformance catalog [--role r] [--now]`: prints the requirement catalogue as Markdown. */
import { parseArgs } from 'node:util'
import { catalog } from '../../suites/catalog/index.ts'
import { renderCatalogMarkdown } from '../../suites/catalog/markdown.ts'
import { UsageError } from '../usage.ts'

/** `catalog --help`. */
export const catalogUsage = `usage: x402-conformance catalog [--role server|client|facilitator|any] [--now]

  prints the requirement catalogue (every checkable statement of the spec, with its id) as Markdown
  --role   only the requirements of this role
  --now    leave out requirements that are out of scope for now`

const ROLES = ['server', 'client', 'facilitator', 'any']

/** Prints the catalogue; returns 0. */
export async function catalogCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      role: { type: 'string' },
      now: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  })
  if (values.help) {
    process.stdout.write(`${catalogUsage}\n`)
    return 0
  }
  if (positionals.length > 0)
    throw new UsageError(`catalog takes no positional argument, got '${positionals[0]}'`)
  if (values.role !== undefined && !ROLES.includes(values.role))
    throw new UsageError(`--role must be server, client, facilitator or any, got '${values.role}'`)
  const selected = catalog.filter(
    (requirement) => values.role === undefined || requirement.role === values.role,
  )
  const markdown = renderCatalogMarkdown(selected, { includeLater: !values.now })
  process.stdout.write(markdown.endsWith('\n') ? markdown : `${markdown}\n`)
  return 0
}
