#!/usr/bin/env node
// Entry point. In the checkout it runs the TypeScript sources (Node >= 22.18 strips their types); the
// published package ships them compiled (dist/), since Node does not strip types under node_modules.
import { existsSync } from 'node:fs'
import module from 'node:module'

// V8's code cache on disk: later starts skip compiling what they compiled before.
module.enableCompileCache?.()

const sources = new URL('../cli/main.ts', import.meta.url)
const fromSources = existsSync(sources)
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
const tooOld = fromSources
  ? major < 22 || (major === 22 && minor < 18)
  : major < 22 || (major === 22 && minor < 12)
if (tooOld) {
  process.stderr.write(
    `x402-conformance needs Node.js ${fromSources ? '>= 22.18 to run from its sources' : '^22.12, 24 or >= 26'} ` +
      `(found ${process.versions.node}).` +
      (fromSources
        ? ' In the checkout, npm start / npx x402-conformance use the Node that npm ci installs.'
        : '') +
      '\n',
  )
  process.exit(2)
}
const { main } = await import(
  fromSources ? sources.href : new URL('../dist/cli/main.js', import.meta.url).href
)
process.exitCode = await main(process.argv.slice(2))
