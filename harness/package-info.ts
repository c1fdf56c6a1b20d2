/**
 * The installed package's own name and version, read from its package.json at run time: the same
 * code runs from the checkout (TypeScript) and from the published build (dist/), whose folders sit at
 * different depths below the package root.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface PackageInfo {
  name: string
  version: string
  /** The folder holding the package's package.json. */
  root: string
}

let cached: PackageInfo | undefined

/** The x402-conformance package this module belongs to. */
export function packageInfo(): PackageInfo {
  if (cached) return cached
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const found = readPackage(join(dir, 'package.json'))
    if (found?.name === 'x402-conformance') {
      cached = { name: found.name, version: found.version ?? '0.0.0', root: dir }
      return cached
    }
    const parent = dirname(dir)
    if (parent === dir) throw new Error('x402-conformance: cannot find its own package.json')
    dir = parent
  }
}

function readPackage(file: string): { name?: string; version?: string } | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string }
  } catch {
    return undefined
  }
}
