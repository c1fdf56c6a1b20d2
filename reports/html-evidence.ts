/**
 * report.html: one case's evidence. Every value here may come from the target, so it only reaches the page
 * through the escaping `html` builder, and long values are cut (report.json keeps them whole).
 */
import type {
  BalanceEvidence,
  Evidence,
  FacilitatorCallEvidence,
  HttpEvidence,
  NoteEvidence,
  PropertyEvidence,
  TransactionEvidence,
  TypedDataEvidence,
} from '../harness/model/result.ts'
import { truncate } from './escape.ts'
import { html, type SafeHtml } from './html-builder.ts'
import { decodedX402, isX402Header } from './x402-headers.ts'

/** Longest body or JSON value shown in full in the page. */
const MAX_BLOCK = 64 * 1024
/** Longest header value shown. */
const MAX_HEADER = 4 * 1024

/** JSON for display: indented, bigints as decimal strings, cut at `MAX_BLOCK`. */
export function prettyJson(value: unknown): string {
  let text: string
  try {
    text =
      JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) ??
      String(value)
  } catch (error) {
    text = `(not serialisable: ${(error as Error).message})`
  }
  return truncate(text, MAX_BLOCK)
}

/** Renders all evidence of a case; runs of balance evidence share one table. */
export function renderEvidence(evidence: readonly Evidence[]): SafeHtml {
  const parts: SafeHtml[] = []
  for (let i = 0; i < evidence.length; i++) {
    const item = evidence[i]!
    if (item.kind === 'balance') {
      const run: BalanceEvidence[] = [item]
      while (evidence[i + 1]?.kind === 'balance') run.push(evidence[++i] as BalanceEvidence)
      parts.push(balances(run))
    } else {
      parts.push(one(item))
    }
  }
  return html`${parts}`
}

function one(item: Exclude<Evidence, BalanceEvidence>): SafeHtml {
  switch (item.kind) {
    case 'http':
      return http(item)
    case 'typed-data':
      return typedData(item)
    case 'facilitator-call':
      return facilitatorCall(item)
    case 'transaction':
      return transaction(item)
    case 'property':
      return property(item)
    case 'note':
      return note(item)
    default:
      return unknownKind(item)
  }
}

function box(kind: string, heading: SafeHtml | string, body: SafeHtml): SafeHtml {
  return html`<div class="evidence" data-kind="${kind}"><h4><span class="kind">${kind}</span> ${heading}</h4>${body}</div>`
}

function block(text: string): SafeHtml {
  return html`<pre>${truncate(text, MAX_BLOCK)}</pre>`
}

/** A body as text, indented when it is JSON. */
function body(text: string): SafeHtml {
  const trimmed = text.trim()
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return block(prettyJson(JSON.parse(trimmed)))
    } catch {
      // not JSON after all: show it as sent
    }
  }
  return block(text)
}

function headers(title: string, values: Record<string, string>): SafeHtml {
  const rows = Object.entries(values).map(
    ([name, value]) =>
      html`<tr class="${isX402Header(name) ? 'x402' : ''}"><td class="mono">${name}</td><td class="value mono">${truncate(value, MAX_HEADER)}</td></tr>`,
  )
  if (rows.length === 0) return html`<h5>${title}</h5><p class="muted">none</p>`
  return html`<h5>${title}</h5><table class="headers"><tbody>${rows}</tbody></table>`
}

function http(item: HttpEvidence): SafeHtml {
  const { request, response } = item
  const status =
    response === undefined ? html`<span class="muted">no response</span>` : html`<b>${response.status}</b>`
  const heading = html`${item.label === undefined ? '' : html`${item.label}: `}<span class="mono">${request.method} ${request.url}</span> → ${status}${
    item.durationMs === undefined ? '' : html` <span class="muted">${Math.round(item.durationMs)} ms</span>`
  }`
  const decoded = decodedX402(item).map(
    (entry) =>
      html`<div class="decoded"><h5>${entry.title} (decoded)${
        entry.ok === false ? html` <span class="chip unexpected">invalid</span>` : ''
      }</h5>${entry.issues === undefined ? '' : html`<pre class="issues">${prettyJson(entry.issues)}</pre>`}${
        entry.value === undefined ? '' : block(prettyJson(entry.value))
      }</div>`,
  )
  return box(
    'http',
    heading,
    html`${item.error === undefined ? '' : html`<p class="message">Error: ${item.error}</p>`}
${headers('Request headers', request.headers)}${request.body === undefined ? '' : html`<h5>Request body</h5>${body(request.body)}`}
${response === undefined ? '' : html`${headers('Response headers', response.headers)}${response.body === undefined ? '' : html`<h5>Response body</h5>${body(response.body)}`}`}
${decoded}`,
  )
}

function typedData(item: TypedDataEvidence): SafeHtml {
  return box(
    'typed-data',
    html`${item.label === undefined ? '' : html`${item.label}: `}${item.primaryType} signed by <span class="mono">${item.signer}</span>`,
    html`<h5>Domain</h5>${block(prettyJson(item.domain))}<h5>Message</h5>${block(prettyJson(item.message))}<h5>Signature</h5>${block(item.signature)}`,
  )
}

function facilitatorCall(item: FacilitatorCallEvidence): SafeHtml {
  return box(
    'facilitator-call',
    html`<span class="mono">/${item.endpoint}</span>${item.status === undefined ? '' : html` → <b>${item.status}</b>`} <span class="muted">${item.at}</span>`,
    html`${item.request === undefined ? '' : html`<h5>Request</h5>${block(prettyJson(item.request))}`}${
      item.response === undefined ? '' : html`<h5>Response</h5>${block(prettyJson(item.response))}`
    }`,
  )
}

function transaction(item: TransactionEvidence): SafeHtml {
  const transfers = item.transfers ?? []
  return box(
    'transaction',
    html`${item.label === undefined ? '' : html`${item.label}: `}<span class="mono">${item.hash}</span> <span class="status-${item.status}">${item.status}</span>`,
    html`${item.from === undefined && item.to === undefined ? '' : html`<p class="facts">from <span class="mono">${item.from ?? '?'}</span> to <span class="mono">${item.to ?? '?'}</span></p>`}${
      transfers.length === 0
        ? html`<p class="muted">no token transfers</p>`
        : html`<table><thead><tr><th>Transfer from</th><th>to</th><th>value</th></tr></thead><tbody>${transfers.map(
            (t) =>
              html`<tr><td class="mono">${t.from}</td><td class="mono">${t.to}</td><td class="mono">${t.value}</td></tr>`,
          )}</tbody></table>`
    }`,
  )
}

function balances(items: readonly BalanceEvidence[]): SafeHtml {
  const rows = items.map((b) => {
    const sign = b.delta.trim().startsWith('-') ? 'neg' : /^[+]?0*$/.test(b.delta.trim()) ? '' : 'pos'
    return html`<tr><td>${b.label}</td><td class="mono">${b.address}</td><td class="mono">${b.before}</td><td class="mono">${b.after}</td><td class="mono delta ${sign}">${b.delta}</td></tr>`
  })
  return box(
    'balance',
    'Balance changes',
    html`<table><thead><tr><th>Account</th><th>Address</th><th>Before</th><th>After</th><th>Delta</th></tr></thead><tbody>${rows}</tbody></table>`,
  )
}

function property(item: PropertyEvidence): SafeHtml {
  return box(
    'property',
    html`seed <span class="mono">${item.seed}</span>${item.path === undefined ? '' : html`, path <span class="mono">${item.path}</span>`}, ${item.numRuns} runs`,
    html`${item.counterexample === undefined ? '' : html`<h5>Counterexample (shrunk)</h5>${block(prettyJson(item.counterexample))}`}<h5>Replay</h5><pre class="replay">${item.replay}</pre>`,
  )
}

function note(item: NoteEvidence): SafeHtml {
  return box('note', item.text, item.data === undefined ? html`` : block(prettyJson(item.data)))
}

function unknownKind(item: never): SafeHtml {
  const kind = (item as { kind?: unknown }).kind
  return box(typeof kind === 'string' ? kind : 'evidence', 'unknown evidence kind', block(prettyJson(item)))
}
