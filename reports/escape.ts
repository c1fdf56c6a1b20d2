/**
 * Escaping for the report formats. Everything a target sends (bodies, headers, error strings) is hostile
 * input: it goes through one of these before it reaches a file a person or a CI system will open.
 */

// XML 1.0 allows tab, LF, CR and U+0020..U+D7FF, U+E000..U+FFFD, U+10000..U+10FFFF; with the `u` flag a
// lone surrogate is one code point outside those ranges, so it is replaced too.
const XML_INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/** Replaces characters XML 1.0 cannot carry at all (control characters, lone surrogates) with U+FFFD. */
export function xmlSafeChars(text: string): string {
  return text.replace(XML_INVALID, '\uFFFD')
}

/** Escapes text for an XML element's content. */
export function escapeXmlText(text: string): string {
  return xmlSafeChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** Escapes text for a double-quoted XML attribute; newlines and tabs are kept as character references. */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const HTML_CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/g

/** Escapes text for HTML content and quoted attributes. NUL and other C0 controls become U+FFFD. */
export function escapeHtml(text: string): string {
  return text
    .replace(HTML_CONTROL, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/**
 * Makes text safe inside one Markdown table cell or list item on one line: HTML is escaped (GitHub job
 * summaries render HTML), Markdown punctuation that could start a link, emphasis or code is escaped, pipes
 * cannot end the cell, and line breaks collapse to spaces.
 */
export function escapeMarkdownInline(text: string): string {
  // Markdown first, then HTML: the other order would break the `#` of character references like `&#39;`.
  return escapeHtml(text.replace(/[\r\n]+/g, ' ').replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1'))
}

/** Cuts text to at most `max` characters, saying how much was left out. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text
  return `${text.slice(0, max)}… (${text.length - max} more characters)`
}
