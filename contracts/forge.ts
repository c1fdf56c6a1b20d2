/**
 * Runs forge (from the `@foundry-rs/forge` npm package) on this project. foundry.toml points forge at
 * the solc-js shim in contracts/solc/, so nothing is downloaded and no native solc is needed.
 *
 * Also a command: `node contracts/forge.ts <forge args>` (used by `npm run contracts:test`). It exists
 * because the npm launcher node_modules/.bin/forge (1.7.1) always exits 0, even when tests fail.
 */
import { execFile, spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root, where foundry.toml lives. */
export const projectRoot: string = resolve(import.meta.dirname, '..')

const ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64' }

/**
 * Path of the native forge binary from `@foundry-rs/forge-<os>-<arch>`. Run directly (not through the
 * JS launcher in node_modules/.bin) so the child we spawn, and may have to kill, is forge itself.
 */
export function forgeBinary(): string {
  if (process.env.X402_FORGE_BINARY) return process.env.X402_FORGE_BINARY
  const pkg = `@foundry-rs/forge-${process.platform}-${ARCH[process.arch] ?? process.arch}`
  try {
    const require = createRequire(import.meta.url)
    return join(dirname(require.resolve(`${pkg}/package.json`)), 'bin', 'forge')
  } catch {
    throw new Error(`forge is not installed for this platform (${pkg}); run npm ci, or set X402_FORGE_BINARY`)
  }
}

/** What a forge run printed, and how it ended. */
export interface ForgeResult {
  /** Exit code; null if forge was killed (e.g. by the timeout). */
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `forge <args>` in the project root and resolves when it exits (it never rejects on a non-zero exit). */
export function runForge(
  args: readonly string[],
  options: { timeoutMs?: number } = {},
): Promise<ForgeResult> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      forgeBinary(),
      [...args],
      {
        cwd: projectRoot,
        maxBuffer: 64 * 1024 * 1024,
        timeout: options.timeoutMs ?? 120_000,
        // No colours or progress bars in captured output.
        env: { ...process.env, NO_COLOR: '1', FOUNDRY_DISABLE_NIGHTLY_WARNING: '1' },
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number' && error.killed !== true) {
          reject(error)
          return
        }
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0
        resolvePromise({ code, stdout, stderr })
      },
    )
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const child = spawn(forgeBinary(), process.argv.slice(2), { cwd: projectRoot, stdio: 'inherit' })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
  child.on('error', (error) => {
    console.error(`could not run forge: ${error.message}`)
    process.exit(2)
  })
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}
