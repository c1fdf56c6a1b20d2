/**
 * The URL of a module beside another, in the form the running code has: `.ts` sources in the checkout
 * (Node strips the types), compiled `.js` in the published package (Node does not strip types under
 * node_modules). Paths handed to `import()` or to a child `node` must name the file that exists.
 */
export function moduleUrl(relative: string, base: string): URL {
  const extension = new URL(base).pathname.endsWith('.ts') ? '.ts' : '.js'
  return new URL(relative.replace(/\.ts$/, extension), base)
}
