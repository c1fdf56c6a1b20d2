/**
 * The inline stylesheet and script of report.html. Both are constants written here (never built from
 * report data), and the page's Content-Security-Policy allows exactly these two by hash, so even markup
 * that slipped past escaping could not run a script or load anything.
 */
import { createHash } from 'node:crypto'

/** The CSP source expression (`'sha256-…'`) that allows one inline element with this exact content. */
export function cspHash(content: string): string {
  return `'sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}'`
}

/** The page's stylesheet. */
export const STYLE = `
:root { --pass:#1a7f37; --fail:#cf222e; --warn:#9a6700; --info:#0969da; --skip:#6e7781; --error:#8250df;
  --bg:#ffffff; --fg:#1f2328; --muted:#59636e; --border:#d1d9e0; --panel:#f6f8fa; --seen:#ffebe9; --want:#dafbe1; }
@media (prefers-color-scheme: dark) {
  :root { --pass:#3fb950; --fail:#f85149; --warn:#d29922; --info:#4493f8; --skip:#9198a1; --error:#ab7df8;
    --bg:#0d1117; --fg:#e6edf3; --muted:#9198a1; --border:#3d444d; --panel:#151b23; --seen:#3c1618; --want:#12261e; }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
header { padding: 18px 28px 14px; border-bottom: 1px solid var(--border); background: var(--panel); }
header h1 { margin: 0 0 6px; font-size: 20px; }
header .meta { color: var(--muted); display: flex; flex-wrap: wrap; gap: 4px 18px; }
header .meta b { color: var(--fg); font-weight: 600; }
main { padding: 0 28px 48px; }
h2 { font-size: 17px; margin: 24px 0 8px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.verdict { display: inline-block; padding: 3px 12px; border-radius: 999px; font-weight: 700; color: #fff; margin-right: 10px; }
.verdict.conformant { background: var(--pass); } .verdict.not-conformant { background: var(--fail); } .verdict.incomplete { background: var(--skip); }
.verdict-line { display: flex; align-items: center; flex-wrap: wrap; gap: 6px; margin: 16px 0 10px; font-size: 15px; }
.tiles { display: flex; gap: 10px; flex-wrap: wrap; }
.tile { border: 1px solid var(--border); border-radius: 8px; padding: 8px 14px; min-width: 92px; background: var(--bg); color: var(--fg); text-align: left; cursor: pointer; font: inherit; }
.tile:hover { border-color: var(--muted); }
.tile .n { display: block; font-size: 24px; font-weight: 700; line-height: 1.1; }
.tile .l { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.tile.pass .n { color: var(--pass); } .tile.fail .n { color: var(--fail); } .tile.warn .n { color: var(--warn); }
.tile.info .n { color: var(--info); } .tile.skip .n { color: var(--skip); } .tile.error .n { color: var(--error); }
.problems { border: 1px solid var(--fail); border-radius: 8px; padding: 8px 14px; margin: 12px 0; }
.problems h3 { margin: 4px 0; }
.problems ul { margin: 4px 0; padding-left: 20px; }
.filters { position: sticky; top: 0; z-index: 2; background: var(--bg); border-bottom: 1px solid var(--border); padding: 10px 0; margin-top: 18px;
  display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; }
.filters label { display: inline-flex; align-items: center; gap: 4px; cursor: pointer; }
.filters input[type=search], .filters select { font: inherit; padding: 3px 6px; border: 1px solid var(--border); border-radius: 6px; background: var(--bg); color: var(--fg); }
.filters button { font: inherit; padding: 3px 10px; border: 1px solid var(--border); border-radius: 6px; background: var(--panel); color: var(--fg); cursor: pointer; }
.filters .shown { color: var(--muted); margin-left: auto; }
.badge { display: inline-block; min-width: 44px; text-align: center; padding: 2px 6px; border-radius: 4px; color: #fff; font: 700 11px/1.4 ui-monospace, monospace; text-transform: uppercase; }
.badge.pass { background: var(--pass); } .badge.fail { background: var(--fail); } .badge.warn { background: var(--warn); }
.badge.info { background: var(--info); } .badge.skip { background: var(--skip); } .badge.error { background: var(--error); }
.chip { display: inline-block; padding: 0 6px; border: 1px solid var(--border); border-radius: 999px; color: var(--muted); font-size: 12px; }
.chip.expected { border-color: var(--skip); } .chip.unexpected { border-color: var(--fail); color: var(--fail); font-weight: 600; }
details.case { border: 1px solid var(--border); border-radius: 6px; margin: 5px 0; scroll-margin-top: 80px; }
details.case > summary { list-style: none; cursor: pointer; padding: 6px 10px; display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: center; }
details.case > summary::-webkit-details-marker { display: none; }
details.case > summary::before { content: "\\25B8"; color: var(--muted); width: 10px; }
details.case[open] > summary::before { content: "\\25BE"; }
details.case[open] > summary { border-bottom: 1px solid var(--border); background: var(--panel); }
details.case > summary .title { flex: 1 1 320px; }
details.case > summary .dur { color: var(--muted); font-size: 12px; }
.case-body { padding: 10px 16px 14px; }
.case-body .message { font-weight: 600; margin: 0 0 8px; }
.expectation { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 4px 12px; margin: 6px 0 10px; }
.expectation dt { font-weight: 600; color: var(--muted); }
.expectation dd { margin: 0; white-space: pre-wrap; word-break: break-word; padding: 2px 6px; border-radius: 4px; }
.expectation dd.expected { background: var(--want); } .expectation dd.seen { background: var(--seen); }
.facts { color: var(--muted); margin: 4px 0; }
.evidence { border-left: 3px solid var(--border); padding: 2px 0 2px 12px; margin: 12px 0; }
.evidence h4 { margin: 0 0 6px; font-size: 13px; display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.evidence h4 .kind { font: 600 11px/1.4 ui-monospace, monospace; text-transform: uppercase; color: var(--muted); }
.evidence h5 { margin: 8px 0 3px; font-size: 12px; color: var(--muted); }
pre { background: var(--panel); border: 1px solid var(--border); border-radius: 6px; padding: 8px 10px; margin: 4px 0; overflow: auto; max-height: 380px; white-space: pre-wrap; word-break: break-all; }
table { border-collapse: collapse; margin: 4px 0; }
th, td { border: 1px solid var(--border); padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: var(--panel); font-weight: 600; }
td.value { word-break: break-all; }
tr.x402 td:first-child { font-weight: 700; color: var(--info); }
.delta.neg { color: var(--fail); font-weight: 600; } .delta.pos { color: var(--pass); font-weight: 600; }
.status-reverted, .status-missing { color: var(--fail); font-weight: 600; } .status-success { color: var(--pass); font-weight: 600; }
.matrix td.num { text-align: right; font-variant-numeric: tabular-nums; }
.matrix td.zero { color: var(--border); }
.matrix { width: 100%; }
.table-scroll { overflow-x: auto; }
.matrix td.statement { min-width: 240px; }
.matrix td.spec { font-size: 12px; max-width: 280px; }
.matrix td.status { min-width: 140px; max-width: 320px; }
table.headers td:first-child { white-space: nowrap; }
.matrix tr.uncovered td:first-child { border-left: 3px solid var(--warn); }
.muted { color: var(--muted); }
footer { color: var(--muted); padding: 12px 28px 28px; font-size: 12px; }
a { color: var(--info); }
`

/** The page's script: filters (outcome, role, text), expand/collapse, and opening a case linked by `#case-N`. */
export const SCRIPT = `
(function () {
  'use strict';
  var cases = Array.prototype.slice.call(document.querySelectorAll('details.case'));
  var groups = Array.prototype.slice.call(document.querySelectorAll('.role-group'));
  var outcomes = Array.prototype.slice.call(document.querySelectorAll('input[name="outcome"]'));
  var role = document.getElementById('filter-role');
  var text = document.getElementById('filter-text');
  var shown = document.getElementById('shown-count');
  function apply() {
    var wanted = {};
    outcomes.forEach(function (box) { wanted[box.value] = box.checked; });
    var r = role.value;
    var q = text.value.trim().toLowerCase();
    var n = 0;
    cases.forEach(function (c) {
      var ok = wanted[c.getAttribute('data-outcome')] === true &&
        (r === '' || c.getAttribute('data-role') === r) &&
        (q === '' || (c.getAttribute('data-search') || '').indexOf(q) !== -1);
      c.hidden = !ok;
      if (ok) n++;
    });
    groups.forEach(function (g) { g.hidden = g.querySelector('details.case:not([hidden])') === null; });
    shown.textContent = String(n);
  }
  outcomes.forEach(function (box) { box.addEventListener('change', apply); });
  role.addEventListener('change', apply);
  text.addEventListener('input', apply);
  Array.prototype.forEach.call(document.querySelectorAll('[data-only]'), function (tile) {
    tile.addEventListener('click', function () {
      var only = tile.getAttribute('data-only');
      outcomes.forEach(function (box) { box.checked = only === 'all' || box.value === only; });
      apply();
      document.getElementById('cases').scrollIntoView();
    });
  });
  document.getElementById('expand-all').addEventListener('click', function () {
    cases.forEach(function (c) { if (!c.hidden) c.open = true; });
  });
  document.getElementById('collapse-all').addEventListener('click', function () {
    cases.forEach(function (c) { c.open = false; });
  });
  var uncoveredOnly = document.getElementById('uncovered-only');
  if (uncoveredOnly) {
    uncoveredOnly.addEventListener('change', function () {
      Array.prototype.forEach.call(document.querySelectorAll('.matrix tbody tr'), function (row) {
        row.hidden = uncoveredOnly.checked && row.getAttribute('data-covered') === 'yes';
      });
    });
  }
  function openFromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id ? document.getElementById(id) : null;
    if (el && el.tagName === 'DETAILS') {
      el.hidden = false;
      if (el.parentElement) el.parentElement.hidden = false;
      el.open = true;
      el.scrollIntoView();
    }
  }
  window.addEventListener('hashchange', openFromHash);
  apply();
  openFromHash();
  document.documentElement.setAttribute('data-ready', 'true');
})();
`
