/**
 * report.html: the requirement coverage section. Per role a count line, then a matrix of requirement ×
 * outcome (how many results that check the requirement ended in each outcome), with the requirements that
 * have no case, and why, marked and filterable.
 */
import { OUTCOMES, type RunReport } from '../harness/model/result.ts'
import { html, type SafeHtml } from './html-builder.ts'
import { specLocation, specUrl } from './spec-link.ts'

/** Per requirement id: how many results checking it ended in each outcome. */
export function outcomesByRequirement(report: RunReport): Map<string, Record<string, number>> {
  const counts = new Map<string, Record<string, number>>()
  for (const result of report.results) {
    for (const id of result.requirements) {
      const row = counts.get(id) ?? Object.fromEntries(OUTCOMES.map((o) => [o, 0]))
      row[result.outcome] = (row[result.outcome] ?? 0) + 1
      counts.set(id, row)
    }
  }
  return counts
}

/** The coverage section. */
export function renderCoverage(report: RunReport): SafeHtml {
  const requirements = report.coverage.requirements
  const counts = outcomesByRequirement(report)
  const known = new Set(requirements.map((r) => r.id))
  const unknown = [...counts.keys()].filter((id) => !known.has(id)).sort()

  const roles = Object.entries(report.coverage.byRole).map(
    ([role, { requirements: total, covered, later }]) => {
      const checked = requirements.filter((r) => r.role === role && r.outcome !== undefined).length
      return html`<tr><td>${role}</td><td class="num">${total}</td><td class="num">${covered}</td><td class="num">${checked}</td><td class="num">${total - covered}</td><td class="num">${later}</td></tr>`
    },
  )

  const rows = requirements.map((requirement) => {
    const row = counts.get(requirement.id)
    const covered = requirement.cases.length > 0
    const url = specUrl(report.spec, requirement.spec)
    const where = specLocation(requirement.spec)
    const status = !covered
      ? html`<span class="chip unexpected">no case</span> ${requirement.uncovered ?? 'no reason given'}`
      : requirement.outcome === undefined
        ? html`<span class="muted">not run (${requirement.cases.length} case${requirement.cases.length === 1 ? '' : 's'})</span>`
        : html`<span class="badge ${requirement.outcome}">${requirement.outcome}</span>`
    return html`<tr class="${covered ? '' : 'uncovered'}" data-covered="${covered ? 'yes' : 'no'}" data-requirement="${requirement.id}">
<td class="mono">${requirement.id}</td><td>${requirement.level}</td><td>${requirement.role}</td>
<td class="statement">${requirement.statement}</td>
<td class="spec">${url === undefined ? where : html`<a href="${url}" rel="noreferrer noopener">${where}</a>`}</td>
<td class="num">${requirement.cases.length}</td>
${OUTCOMES.map((o) => {
  const n = row?.[o] ?? 0
  return html`<td class="num ${n === 0 ? 'zero' : ''}" data-outcome="${o}">${n}</td>`
})}
<td class="status">${status}</td></tr>`
  })

  return html`<section id="coverage">
<h2>Requirement coverage</h2>
<p class="muted">Spec ${report.spec.repository} at <span class="mono">${report.spec.commit}</span>. A requirement is covered when at least one case checks it; the matrix counts the results of this run per outcome.</p>
<table class="roles"><thead><tr><th>Role</th><th>Requirements</th><th>With cases</th><th>Checked in this run</th><th>Without a case</th><th>Out of scope for now</th></tr></thead><tbody>${roles}</tbody></table>
${unknown.length === 0 ? '' : html`<p class="problems">Cases point at requirement ids that are not in the catalogue: <span class="mono">${unknown.join(', ')}</span></p>`}
<p><label><input type="checkbox" id="uncovered-only"> show only requirements without a case</label></p>
<div class="table-scroll"><table class="matrix"><thead><tr><th>Requirement</th><th>Level</th><th>Role</th><th>Statement</th><th>Spec</th><th>Cases</th>${OUTCOMES.map(
    (o) => html`<th>${o}</th>`,
  )}<th>Status</th></tr></thead>
<tbody>${rows}</tbody></table></div>
</section>`
}
