/**
 * Installs the packed package into an empty project the way a user's CI would (`npm ci`), offline:
 * the project's lockfile is derived from the checkout's, so every tarball comes from the npm cache that
 * the checkout's own `npm ci` filled, and the package itself from the tarball `npm pack` wrote.
 */
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

interface LockEntry {
  version?: string
  resolved?: string
  integrity?: string
  dev?: boolean
  devOptional?: boolean
  [key: string]: unknown
}
interface Lockfile {
  name: string
  lockfileVersion: number
  requires?: boolean
  packages: Record<string, LockEntry>
}

export interface InstalledProject {
  dir: string
  tarball: string
}

/** Packs the checkout into `workDir` (runs prepack, the build) and returns the tarball's path. */
export async function packCheckout(checkout: string, workDir: string): Promise<string> {
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', workDir], {
    cwd: checkout,
    maxBuffer: 64 * 1024 * 1024,
  })
  const [packed] = JSON.parse(stdout.slice(stdout.indexOf('['))) as { filename: string }[]
  if (!packed) throw new Error('npm pack printed no file')
  return join(workDir, packed.filename)
}

/** Creates `<workDir>/project` with the tarball and `extra` dependencies (already in the checkout's lock). */
export async function installTarball(
  checkout: string,
  tarball: string,
  workDir: string,
  extra: Record<string, string>,
): Promise<InstalledProject> {
  const dir = join(workDir, 'project')
  await mkdir(dir, { recursive: true })
  const ownLock = JSON.parse(await readFile(join(checkout, 'package-lock.json'), 'utf8')) as Lockfile
  const manifest = JSON.parse(await readFile(join(checkout, 'package.json'), 'utf8')) as {
    version: string
    dependencies: Record<string, string>
    bin: Record<string, string>
    engines: Record<string, string>
    license: string
  }
  const relativeTarball = `file:../${tarball.split('/').at(-1)}`
  const dependencies = { 'x402-conformance': relativeTarball, ...extra }
  const packages: Record<string, LockEntry> = {
    '': { name: 'project', dependencies },
    'node_modules/x402-conformance': {
      version: manifest.version,
      resolved: relativeTarball,
      integrity: `sha512-${createHash('sha512')
        .update(await readFile(tarball))
        .digest('base64')}`,
      license: manifest.license,
      dependencies: manifest.dependencies,
      bin: manifest.bin,
      engines: manifest.engines,
    },
  }
  // Everything the package needs at run time is a non-dev entry of the checkout's lock.
  for (const [path, entry] of Object.entries(ownLock.packages)) {
    if (path === '' || entry.dev) continue
    packages[path] = entry
  }
  for (const name of Object.keys(extra)) {
    const entry = ownLock.packages[`node_modules/${name}`]
    if (!entry) throw new Error(`${name} is not in the checkout's lockfile`)
    packages[`node_modules/${name}`] = { ...entry, dev: undefined }
  }
  await writeFile(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'project', private: true, type: 'module', dependencies }, null, 2)}\n`,
  )
  await writeFile(
    join(dir, 'package-lock.json'),
    `${JSON.stringify({ name: 'project', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`,
  )
  await run('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    maxBuffer: 64 * 1024 * 1024,
  })
  return { dir, tarball }
}
