#!/usr/bin/env node
// The registry mirror of these machines carries only the linux-x64 builds of biome, anvil and forge,
// so `npm install` leaves their other platform packages out of package-lock.json and `npm ci` then
// refuses the lock ("Missing: @biomejs/cli-darwin-arm64@ from lock file"). This adds the missing
// entries (optional, tagged with their os/cpu, so no machine fetches one that is not its own) from the
// optionalDependencies the lock already records. Run it after every `npm install`:
//   node .ci/lock-platforms.mjs        (or: npm run lock:platforms)
//   node .ci/lock-platforms.mjs --check  exits 1 when entries are missing
import { readFileSync, writeFileSync } from 'node:fs'

const file = new URL('../package-lock.json', import.meta.url)
const lock = JSON.parse(readFileSync(file, 'utf8'))
const META = ['@biomejs/biome', '@foundry-rs/anvil', '@foundry-rs/forge']
const CPU = { amd64: 'x64', x64: 'x64', arm64: 'arm64' }

const missing = []
for (const meta of META) {
  const parent = lock.packages[`node_modules/${meta}`]
  if (!parent) continue
  for (const [name, version] of Object.entries(parent.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`
    if (lock.packages[key]) continue
    const parts = name.split('/')[1].split('-')
    const musl = parts.at(-1) === 'musl'
    const [os, arch] = musl ? parts.slice(-3, -1) : parts.slice(-2)
    const entry = {
      version,
      ...(parent.dev ? { dev: true } : {}),
      optional: true,
      os: [os],
      cpu: [CPU[arch] ?? arch],
    }
    if (os === 'linux') entry.libc = [musl ? 'musl' : 'glibc']
    missing.push([key, entry])
  }
}

if (process.argv.includes('--check')) {
  if (missing.length > 0) {
    console.error(
      `package-lock.json lacks ${missing.length} platform entries; run: node .ci/lock-platforms.mjs`,
    )
    process.exit(1)
  }
  process.exit(0)
}
for (const [key, entry] of missing) lock.packages[key] = entry
const [root, ...rest] = Object.entries(lock.packages)
rest.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
lock.packages = Object.fromEntries([root, ...rest])
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`)
console.log(`package-lock.json: added ${missing.length} platform entries`)
