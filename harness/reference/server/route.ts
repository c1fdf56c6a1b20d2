/**
 * How the reference server's router reads a request target: the path it names, resolved the lenient
 * way many web frameworks do (absolute-form accepted, query dropped, percent-decoded, `\` read as `/`,
 * `;parameters` dropped, dot-segments resolved, empty segments and a trailing slash ignored, case
 * folded). The router and the paywall both use this one reading, so every spelling that reaches the
 * paid handler is also asked to pay: the upstream bypasses of 2026 (x402-foundation #3036, #3055,
 * #3577 …) were paywalls that matched a different reading of the path than their router.
 */

/** The canonical path `target` names, or undefined when it cannot be read (bad percent-encoding). */
export function canonicalPath(target: string): string | undefined {
  const path = originFormPath(target)
  let decoded: string
  try {
    decoded = decodeURIComponent(path)
  } catch {
    return undefined
  }
  const segments: string[] = []
  for (const raw of decoded.replaceAll('\\', '/').split('/')) {
    const segment = raw.split(';')[0] ?? ''
    if (segment === '' || segment === '.') continue
    if (segment === '..') segments.pop()
    else segments.push(segment.toLowerCase())
  }
  return `/${segments.join('/')}`
}

/** The path part of an origin-form or absolute-form request target (`http://host/p?q` → `/p`). */
function originFormPath(target: string): string {
  let path = target
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(path)
  if (scheme) path = path.slice(scheme[0].length)
  const end = path.search(/[?#]/)
  if (end !== -1) path = path.slice(0, end)
  return path === '' ? '/' : path
}

/** Whether `target` names the resource at `resourcePath` (compared in the same canonical reading). */
export function namesResource(target: string, resourcePath: string): boolean {
  const path = canonicalPath(target)
  return path !== undefined && path === canonicalPath(resourcePath)
}
