/**
 * report.html: one self-contained page (inline CSS and script, no network, works from file://) with the
 * verdict and counts, filters by outcome, role and text, every case expandable with its evidence, expected
 * vs seen and the spec section for failures, and the requirement coverage matrix.
 *
 * Safety: all report data is hostile input (bodies, headers and errors come from the target). It reaches
 * the page only through the escaping `html` builder, and a Content-Security-Policy allows no script or
 * style but the page's own two (by hash) and no network at all.
 */

import { baselineStatus } from '../harness/model/baseline.ts'
import { type CaseResult, OUTCOMES, type RunReport } from '../harness/model/result.ts'
import { blockerKey, dependentsByBlocker, resultKey } from './blocked.ts'
import { cspHash, SCRIPT, STYLE } from './html-assets.ts'
import { html, raw, type SafeHtml } from './html-builder.ts'
import { renderCoverage } from './html-coverage.ts'
import { renderEvidence } from './html-evidence.ts'
import { specLocation, specUrl } from './spec-link.ts'

const ROLES: readonly CaseResult['role'][] = ['server', 'client', 'facilitator', 'mcp-server', 'mcp-client']
const VERDICT_TEXT: Record<RunReport['verdict'], string> = {
  conformant: 'Conformant',
  'not-conformant': 'Not conformant',
  incomplete: 'Incomplete',
}
/** At most this many failures are listed at the top (all of them stay in the case list). */
const MAX_LISTED = 200

/** Renders the report as one self-contained HTML page. */
export function formatHtml(report: RunReport): string {
  const csp = [
    "default-src 'none'",
    `style-src ${cspHash(STYLE)}`,
    `script-src ${cspHash(SCRIPT)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ')
  const title = `x402 conformance: ${report.target.label ?? report.target.url ?? report.target.role} (${VERDICT_TEXT[report.verdict]})`
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
${header(report)}
<main>
${summary(report)}
${cases(report)}
${renderCoverage(report)}
</main>
<footer>${report.suite.name} ${report.suite.version} · report schema ${report.schemaVersion} · written from report.json; this page loads nothing from the network.</footer>
<script>${raw(SCRIPT)}</script>
</body>
</html>
`
  return page.value
}

function header(report: RunReport): SafeHtml {
  const target = report.target
  return html`<header>
<h1>x402 conformance report: ${target.role}${target.label === undefined ? '' : html` · ${target.label}`}</h1>
<div class="meta">
${target.url === undefined ? '' : html`<span>Target <b class="mono">${target.url}</b></span>`}
${target.command === undefined ? '' : html`<span>Started with <b class="mono">${target.command}</b></span>`}
<span>x402 versions <b>${target.versions.map((v) => `v${v}`).join(', ') || 'none'}</b></span>
<span>Started <b>${report.startedAt}</b></span>
<span>Duration <b>${formatMs(report.durationMs)}</b></span>
<span>Seed <b class="mono">${report.seed}</b></span>
${report.shard === undefined ? '' : html`<span>Shard <b>${report.shard.index}/${report.shard.count}</b></span>`}
<span>Suite <b>${report.suite.version}</b></span>
<span>Spec <b class="mono">${report.spec.repository}@${report.spec.commit.slice(0, 12)}</b></span>
</div>
<div class="meta"><span>Reproduce: <b class="mono" id="command">${report.command}</b></span></div>
</header>`
}

function summary(report: RunReport): SafeHtml {
  const s = report.summary
  const failing = report.results
    .map((result, index) => ({ result, index }))
    .filter(({ result }) => result.outcome === 'fail' || result.outcome === 'error')
  const baseline = report.baseline
  const blocked = dependentsByBlocker(report.results)
  return html`<section id="summary">
<div class="verdict-line"><span class="verdict ${report.verdict}" id="verdict">${VERDICT_TEXT[report.verdict]}</span>
<span>exit code <b id="exit-code">${report.exitCode}</b></span>
<span class="muted">${verdictExplanation(report)}</span></div>
<div class="tiles">
<button type="button" class="tile total" data-only="all" data-testid="count-total"><span class="n">${s.total}</span><span class="l">results</span></button>
${OUTCOMES.map(
  (o) =>
    html`<button type="button" class="tile ${o}" data-only="${o}" data-testid="count-${o}" title="show only ${o}"><span class="n">${s[o]}</span><span class="l">${o}</span></button>`,
)}
</div>
${
  report.runErrors.length === 0
    ? ''
    : html`<div class="problems" id="run-errors"><h3>The run could not be completed</h3><ul>${report.runErrors.map((e) => html`<li>${e}</li>`)}</ul></div>`
}
${
  baseline === undefined
    ? ''
    : html`<div class="${baseline.unexpectedFailures.length + baseline.unexpectedPasses.length > 0 ? 'problems' : 'facts'}" id="baseline"><h3>Baseline <span class="mono">${baseline.file}</span></h3>
${
  baseline.unexpectedFailures.length + baseline.unexpectedPasses.length === 0
    ? html`<p>Every result matches the baseline.</p>`
    : html`<ul>${baseline.unexpectedFailures.map(
        (d) =>
          html`<li>Unexpected failure <span class="mono">${d.key}</span>: expected ${d.expected}, got ${d.seen}</li>`,
      )}${baseline.unexpectedPasses.map(
        (d) =>
          html`<li>Unexpected pass <span class="mono">${d.key}</span>: expected ${d.expected}, got ${d.seen} (update the baseline)</li>`,
      )}</ul>`
}</div>`
}
${
  failing.length === 0
    ? ''
    : html`<h3>Failures and errors</h3><ul class="failures">${failing
        .slice(0, MAX_LISTED)
        .map(
          ({ result, index }) =>
            html`<li><span class="badge ${result.outcome}">${result.outcome}</span> <a href="#case-${index}" class="mono">${result.id}</a> <span class="chip">v${result.version}</span> ${result.message ?? result.title}${notRunNote(blocked.get(resultKey(result)))}</li>`,
        )}</ul>${failing.length > MAX_LISTED ? html`<p class="muted">and ${failing.length - MAX_LISTED} more below.</p>` : ''}`
}
</section>`
}

/** ` (and N dependent cases not run: …)` after a root cause in the failure list. */
function notRunNote(dependents: readonly CaseResult[] | undefined): SafeHtml | string {
  if (dependents === undefined || dependents.length === 0) return ''
  return html` <span class="muted" data-testid="not-run">(${dependents.length} dependent case${dependents.length === 1 ? '' : 's'} not run: ${dependents.map((d, i) => html`${i === 0 ? '' : ', '}<span class="mono">${d.id}</span>`)})</span>`
}

function verdictExplanation(report: RunReport): string {
  if (report.runErrors.length > 0) return 'the run itself could not be done (see below)'
  const base = report.baseline
  if (base !== undefined) {
    const differences = base.unexpectedFailures.length + base.unexpectedPasses.length
    return differences === 0
      ? 'every result matches the baseline'
      : `${differences} difference${differences === 1 ? '' : 's'} from the baseline`
  }
  if (report.verdict === 'not-conformant') return 'at least one MUST requirement is broken'
  if (report.verdict === 'incomplete')
    return 'some cases could not be run; errors are not conformance results'
  return report.summary.warn > 0 ? 'every MUST holds; some SHOULDs do not' : 'every requirement checked holds'
}

function filters(report: RunReport): SafeHtml {
  const roles = ROLES.filter((role) => report.results.some((r) => r.role === role))
  return html`<div class="filters" role="search">
<strong>Show</strong>
${OUTCOMES.map(
  (o) =>
    html`<label><input type="checkbox" name="outcome" value="${o}" checked data-testid="filter-${o}"><span class="badge ${o}">${o}</span></label>`,
)}
<label>Role <select id="filter-role" data-testid="filter-role"><option value="">all</option>${roles.map(
    (role) => html`<option value="${role}">${role}</option>`,
  )}</select></label>
<label><input type="search" id="filter-text" placeholder="case id, title, requirement" data-testid="filter-text"></label>
<button type="button" id="expand-all">Expand all</button><button type="button" id="collapse-all">Collapse all</button>
<span class="shown"><span id="shown-count">${report.results.length}</span> of ${report.results.length} shown</span>
</div>`
}

function cases(report: RunReport): SafeHtml {
  const indexed = report.results.map((result, index) => ({ result, index }))
  const roles = [...ROLES, ...new Set(report.results.map((r) => r.role).filter((r) => !ROLES.includes(r)))]
  const groups = roles
    .map((role) => ({ role, items: indexed.filter(({ result }) => result.role === role) }))
    .filter(({ items }) => items.length > 0)
  return html`<section id="cases">
${filters(report)}
<h2>Cases</h2>
${groups.length === 0 ? html`<p class="muted">No case ran.</p>` : ''}
${groups.map(
  ({ role, items }) =>
    html`<div class="role-group" data-role="${role}"><h3>${role} <span class="muted">(${items.length})</span></h3>${items.map(
      ({ result, index }) => caseBlock(report, result, index),
    )}</div>`,
)}
</section>`
}

function caseBlock(report: RunReport, result: CaseResult, index: number): SafeHtml {
  const status = baselineStatus(report, result)
  const blocker = blockerKey(result)
  const blockerIndex =
    blocker === undefined ? -1 : report.results.findIndex((other) => resultKey(other) === blocker)
  const search = [result.id, result.title, result.message ?? '', ...result.requirements, ...result.tags]
    .join(' ')
    .slice(0, 2000)
    .toLowerCase()
  const marker =
    status === 'expected-failure'
      ? html`<span class="chip expected">expected by baseline</span>`
      : status === 'unexpected-failure'
        ? html`<span class="chip unexpected">unexpected failure</span>`
        : status === 'unexpected-pass'
          ? html`<span class="chip unexpected">unexpected pass</span>`
          : blocker !== undefined
            ? html`<span class="chip">not run</span>`
            : ''
  return html`<details class="case" id="case-${index}" data-outcome="${result.outcome}" data-role="${result.role}" data-key="${`${result.id}@v${result.version}`}" data-search="${search}">
<summary><span class="badge ${result.outcome}">${result.outcome}</span><code class="case-id">${result.id}</code><span class="chip">v${result.version}</span><span class="title">${result.title}</span>${marker}<span class="chip">${result.level}</span><span class="dur">${formatMs(result.durationMs)}</span></summary>
<div class="case-body">
${result.message === undefined ? '' : html`<p class="message">${result.message}</p>`}
${
  result.blockedBy === undefined
    ? ''
    : html`<p class="facts" data-testid="blocked-by">Not run: it depends on ${
        blockerIndex === -1
          ? html`<span class="mono">${result.blockedBy.id}</span>`
          : html`<a href="#case-${blockerIndex}" class="mono">${result.blockedBy.id}</a>`
      } (v${result.version}), which ended in ${result.blockedBy.outcome}; that case's result holds the cause.</p>`
}
${
  result.expected === undefined && result.seen === undefined
    ? ''
    : html`<dl class="expectation">${result.expected === undefined ? '' : html`<dt>Expected</dt><dd class="expected">${result.expected}</dd>`}${
        result.seen === undefined ? '' : html`<dt>Seen</dt><dd class="seen">${result.seen}</dd>`
      }</dl>`
}
${
  (result.spec ?? []).length === 0
    ? ''
    : html`<p class="facts spec">Spec: ${(result.spec ?? []).map((ref, i) => {
        const url = specUrl(report.spec, ref)
        const where = specLocation(ref)
        return html`${i === 0 ? '' : '; '}${url === undefined ? where : html`<a href="${url}" rel="noreferrer noopener">${where}</a>`}`
      })}</p>`
}
<p class="facts">Requirements ${result.requirements.length === 0 ? 'none' : html`<span class="mono">${result.requirements.join(', ')}</span>`} · level ${result.level}${
    result.tags.length === 0 ? '' : html` · tags ${result.tags.join(', ')}`
  } · key <span class="mono">${result.id}@v${result.version}</span></p>
${result.evidence.length === 0 ? html`<p class="muted">No evidence recorded.</p>` : renderEvidence(result.evidence)}
</div>
</details>`
}

function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`
}
