/**
 * Renders the catalogue as a Markdown table (for a CLI command or a docs page): one row per
 * requirement with its level, role, versions, scope, statement, source and SDK deviations.
 */
import { isAtPin, SPEC, specUrl } from './spec.ts'
import type { Requirement, SpecCitation } from './types.ts'

/** What to render. */
export interface CatalogMarkdownOptions {
  /** Include `later` entries (default true; they show why they are uncovered). */
  includeLater?: boolean
  /** A heading line above the table (default `# x402 requirement catalogue`; '' for none). */
  title?: string
}

/** Makes text safe inside a table cell: no line breaks, no unescaped pipes. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|')
}

function citation(ref: SpecCitation): string {
  const file = ref.file.replace(/^specs\//, '')
  const newer = isAtPin(ref) ? '' : ` (newer: ${ref.source?.commit.slice(0, 7)})`
  return `[${cell(file)}](${specUrl(ref)}) ${cell(ref.section)}${newer}`
}

function deviationText(requirement: Requirement): string {
  return (requirement.deviations ?? [])
    .map((d) => `**${d.sdks.join(', ')}**: ${d.behaviour} Suite: ${d.suiteHolds}.`)
    .map(cell)
    .join('<br>')
}

/**
 * The catalogue (or any list of requirements from it) as Markdown: a heading, the pinned spec commit,
 * and a table. Pure: same input, same output.
 */
export function renderCatalogMarkdown(
  requirements: readonly Requirement[],
  options: CatalogMarkdownOptions = {},
): string {
  const includeLater = options.includeLater ?? true
  const title = options.title ?? '# x402 requirement catalogue'
  const rows = requirements.filter((r) => includeLater || r.scope === 'now')
  const lines: string[] = []
  if (title !== '') lines.push(title, '')
  lines.push(
    `Spec: ${SPEC.repository} at \`${SPEC.commit}\`. ${rows.length} requirements.`,
    '',
    '| ID | Level | Role | Versions | Scope | Statement | Spec | SDK deviations |',
    '|---|---|---|---|---|---|---|---|',
  )
  for (const r of rows) {
    const scope = r.scope === 'later' ? `later: ${cell(r.scopeReason ?? '')}` : 'now'
    const spec = [r.spec, ...(r.seeAlso ?? [])].map(citation).join('<br>')
    lines.push(
      `| ${r.id} | ${r.level} | ${r.role} | ${r.versions.map((v) => `v${v}`).join(', ')} | ${scope} | ${cell(
        r.statement,
      )} | ${spec} | ${deviationText(r)} |`,
    )
  }
  return `${lines.join('\n')}\n`
}
