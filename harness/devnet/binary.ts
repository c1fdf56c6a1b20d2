import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64' }

/**
 * Path of the native anvil binary from the `@foundry-rs/anvil-<os>-<arch>` package. We run it
 * directly (not the JS launcher in node_modules/.bin) so the PID we track is anvil's own.
 */
export function anvilBinary(): string {
  if (process.env.X402_ANVIL_BINARY) return process.env.X402_ANVIL_BINARY
  const arch = ARCH[process.arch]
  const pkg = `@foundry-rs/anvil-${process.platform}-${arch ?? process.arch}`
  try {
    const require = createRequire(import.meta.url)
    return join(dirname(require.resolve(`${pkg}/package.json`)), 'bin', 'anvil')
  } catch {
    throw new Error(`anvil is not installed for this platform (${pkg}); run npm ci, or set X402_ANVIL_BINARY`)
  }
}
