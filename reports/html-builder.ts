/**
 * A tiny HTML builder that escapes by default: `html\`<td>${value}</td>\`` escapes `value` unless it is
 * already `SafeHtml` (the result of another `html` call). Markup from a target can therefore only reach the
 * page as text; forgetting to escape would take an explicit `raw()`.
 */
import { escapeHtml } from './escape.ts'

/** A fragment of markup that is known to be safe (built by `html` or `raw`). */
export class SafeHtml {
  readonly value: string
  constructor(value: string) {
    this.value = value
  }
  toString(): string {
    return this.value
  }
}

/** What may be interpolated: text (escaped), numbers, safe fragments, lists of these; nullish and false render nothing. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[]

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value
  if (Array.isArray(value)) return value.map(render).join('')
  if (value === null || value === undefined || value === false || value === true) return ''
  return escapeHtml(String(value))
}

/** Tagged template that escapes every interpolated value that is not `SafeHtml`. */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? ''
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + (strings[i + 1] ?? '')
  return new SafeHtml(out)
}

/** Marks markup the writer itself produced (CSS, script) as safe. Never pass target data here. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup)
}
