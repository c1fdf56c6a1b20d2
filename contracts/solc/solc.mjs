// The compiler half of the `solc` shim (see ./solc): speaks the part of the native solc command line
// that forge uses, on top of solc-js.
//   solc --version                        -> the version banner forge parses
//   solc [options] --standard-json < in    -> standard JSON output on stdout
// Plain JavaScript (not TypeScript) on purpose: it must run on any Node that can load solc-js.
import { existsSync, readFileSync, realpathSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)
const solc = require('solc')

const args = process.argv.slice(2)

if (args.includes('--version')) {
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`)
  process.exit(0)
}

/** Values of a repeatable `--flag value` (or `--flag=value`) option. */
function optionValues(name) {
  const values = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    if (arg === name && i + 1 < args.length) values.push(args[++i])
    else if (arg.startsWith(`${name}=`)) values.push(arg.slice(name.length + 1))
  }
  return values
}

const basePath = path.resolve(optionValues('--base-path')[0] ?? '.')
const includePaths = optionValues('--include-path').map((p) => path.resolve(basePath, p))
// Like native solc, read only below the base path, include paths and allowed paths.
const allowedRoots = [
  basePath,
  ...includePaths,
  ...optionValues('--allow-paths')
    .flatMap((list) => list.split(','))
    .filter((p) => p !== '')
    .map((p) => path.resolve(basePath, p)),
].map((root) => (existsSync(root) ? realpathSync(root) : root))

function isAllowed(file) {
  const real = realpathSync(file)
  return allowedRoots.some((root) => real === root || real.startsWith(root + path.sep))
}

// forge already puts every source in the input, so solc-js asks for a file only if one is missing.
function readImport(importPath) {
  const candidates = path.isAbsolute(importPath)
    ? [importPath]
    : [basePath, ...includePaths].map((root) => path.join(root, importPath))
  for (const file of candidates) {
    if (existsSync(file) && isAllowed(file)) return { contents: readFileSync(file, 'utf8') }
  }
  return { error: `File not found or not allowed: ${importPath}` }
}

const input = readFileSync(0, 'utf8')
process.stdout.write(solc.compile(input, { import: readImport }))
