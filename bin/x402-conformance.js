#!/usr/bin/env node
// Entry point. The sources are TypeScript run by Node's own type stripping (Node >= 22.18),
// so check the runtime first and say so plainly instead of failing on a syntax error.
const [major, minor] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `x402-conformance needs Node.js >= 22.18 (found ${process.versions.node}). ` +
      'Run it through npm (npm start, npx x402-conformance), which uses the Node the package installs.\n',
  )
  process.exit(2)
}
const { main } = await import('../cli/main.ts')
process.exitCode = await main(process.argv.slice(2))
