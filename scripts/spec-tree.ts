/**
 * Reads the markdown files under `specs/` from a spec snapshot: a checkout (a folder that holds
 * `specs/`), or a git directory (a mirror or a `.git`) at a commit. Used by spec-index and spec-drift.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

/** Where the spec files are read from. */
export type SpecTree = { kind: 'checkout'; root: string } | { kind: 'git'; gitDir: string; commit: string }

/** A checkout when `path` holds `specs/`, otherwise a git directory read at `commit` (default HEAD). */
export function openSpecTree(path: string, commit = 'HEAD'): SpecTree {
  if (existsSync(join(path, 'specs')) && statSync(join(path, 'specs')).isDirectory())
    return { kind: 'checkout', root: path }
  return { kind: 'git', gitDir: path, commit }
}

function git(tree: { gitDir: string }, args: readonly string[]): string {
  return execFileSync('git', ['--git-dir', tree.gitDir, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  })
}

/** The full commit a git tree is read at (the commit as given for a checkout). */
export function resolveCommit(tree: SpecTree): string | undefined {
  if (tree.kind === 'checkout') return undefined
  return git(tree, ['rev-parse', `${tree.commit}^{commit}`]).trim()
}

function walk(dir: string, root: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name)
    return statSync(full).isDirectory() ? walk(full, root) : [relative(root, full).split('\\').join('/')]
  })
}

/** Every file under `specs/`, sorted, as repository paths (`specs/...`). */
export function listSpecFiles(tree: SpecTree): string[] {
  const files =
    tree.kind === 'checkout'
      ? walk(join(tree.root, 'specs'), tree.root)
      : git(tree, ['ls-tree', '-r', '--name-only', tree.commit, '--', 'specs/'])
          .split('\n')
          .filter((line) => line !== '')
  return files.sort()
}

/** The text of one file, or undefined when the snapshot does not have it. */
export function readSpecFile(tree: SpecTree, file: string): string | undefined {
  if (tree.kind === 'checkout') {
    const full = join(tree.root, file)
    return existsSync(full) ? readFileSync(full, 'utf8') : undefined
  }
  try {
    return git(tree, ['show', `${tree.commit}:${file}`])
  } catch {
    return undefined
  }
}
