/**
 * The project's import graph, read from the sources: every relative `import`/`export … from` and
 * `import()` of a .ts file, type-only ones included (a circle of types still ties modules together).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

/** Folders (and top-level files) whose modules are the product, relative to the root. */
export const PRODUCT = ['index.ts', 'cli', 'harness', 'suites', 'reports', 'contracts/artifacts']

export type Graph = Map<string, Set<string>>

export function importGraph(root: string): Graph {
  const graph: Graph = new Map()
  for (const file of PRODUCT.flatMap((entry) => sources(join(root, entry)))) {
    const from = relative(root, file)
    const edges = new Set<string>()
    const text = readFileSync(file, 'utf8')
    for (const match of text.matchAll(
      /(?:^|\n)\s*(?:import|export)[^'"`;]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g,
    )) {
      const specifier = match[1] ?? match[2]
      if (!specifier?.endsWith('.ts')) continue
      edges.add(relative(root, resolve(dirname(file), specifier)))
    }
    graph.set(from, edges)
  }
  return graph
}

function sources(path: string): string[] {
  const stat = statSync(path, { throwIfNoEntry: false })
  if (!stat) return []
  if (stat.isFile()) return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : []
  return readdirSync(path).flatMap((name) => sources(join(path, name)))
}

/** The layer of a module: the CLI and library entry on top, the contracts' artifacts at the bottom. */
export function layerOf(module: string): number {
  if (module === 'index.ts' || module.startsWith('cli/')) return 3
  if (module.startsWith('suites/') || module.startsWith('reports/')) return 2
  if (module.startsWith('harness/')) return 1
  return 0
}

/** Edges from a lower layer to a higher one, and between the two middle siblings (suites ↔ reports). */
export function upwardEdges(graph: Graph): string[] {
  const found: string[] = []
  for (const [from, targets] of graph) {
    for (const to of targets) {
      const up = layerOf(to) > layerOf(from)
      const sideways = layerOf(to) === 2 && layerOf(from) === 2 && to.split('/')[0] !== from.split('/')[0]
      if (up || sideways) found.push(`${from} -> ${to}`)
    }
  }
  return found.sort()
}

/** Every circle as its set of modules (strongly connected components of more than one module, Tarjan). */
export function circles(graph: Graph): string[][] {
  let index = 0
  const indices = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (node: string) => {
    indices.set(node, index)
    low.set(node, index)
    index++
    stack.push(node)
    onStack.add(node)
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue
      if (!indices.has(next)) {
        visit(next)
        low.set(node, Math.min(low.get(node)!, low.get(next)!))
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, indices.get(next)!))
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = []
      let member: string
      do {
        member = stack.pop()!
        onStack.delete(member)
        component.push(member)
      } while (member !== node)
      if (component.length > 1) found.push(component.sort())
    }
  }
  for (const node of graph.keys()) if (!indices.has(node)) visit(node)
  return found.sort((a, b) => a[0]!.localeCompare(b[0]!))
}
