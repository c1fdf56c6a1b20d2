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

/** The scheme modules (harness/schemes/<scheme>/): below every party, above the wire. */
export const SCHEMES = 'harness/schemes/'
/** What a scheme module may import besides other scheme modules: the wire, the model, the devnet, artifacts. */
const SCHEME_MAY_IMPORT = ['harness/wire/', 'harness/model/', 'harness/devnet/', 'contracts/artifacts/']

/** Edges from a scheme module to anything but the wire, model, devnet, artifacts or another scheme module. */
export function schemeEdges(graph: Graph): string[] {
  const found: string[] = []
  for (const [from, targets] of graph) {
    if (!from.startsWith(SCHEMES)) continue
    for (const to of targets)
      if (!to.startsWith(SCHEMES) && !SCHEME_MAY_IMPORT.some((prefix) => to.startsWith(prefix)))
        found.push(`${from} -> ${to}`)
  }
  return found.sort()
}

/**
 * The parties the suite certifies or plays: none reaches into another's files. From outside, the
 * built-in facilitator and the reference server and client are reached through their `index.ts` only;
 * the suite's actors never import a reference implementation, and no party imports the actors. The
 * top (the CLI, the library entry) composes the product and may load a party's light modules directly.
 */
export const PARTIES = ['harness/facilitator/', 'harness/reference/server/', 'harness/reference/client/']
const ACTORS = 'harness/actors/'

/** Edges into a party's internals from outside it, from the actors into a reference, or into the actors from a party. */
export function partyEdges(graph: Graph): string[] {
  const found: string[] = []
  const partyOf = (module: string) => PARTIES.find((party) => module.startsWith(party))
  for (const [from, targets] of graph) {
    if (layerOf(from) === 3) continue
    for (const to of targets) {
      const party = partyOf(to)
      const internal = party !== undefined && partyOf(from) !== party && to !== `${party}index.ts`
      const judgeOnReference = from.startsWith(ACTORS) && to.startsWith('harness/reference/')
      const partyOnActors = partyOf(from) !== undefined && to.startsWith(ACTORS)
      if (internal || judgeOnReference || partyOnActors) found.push(`${from} -> ${to}`)
    }
  }
  return found.sort()
}
