/**
 * The package as a user gets it: `npm pack`, installed with `npm ci` into an empty project (offline,
 * from the tarball and the npm cache), then the bin through npx (help, version, a server run with
 * --start, the devnet and its clean stop when npx is killed) and the README's vitest snippet.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { freePort } from '../../harness/devnet/ports.ts'
import { installTarball, packCheckout } from './install.ts'
import { descendants, survivorsAfter } from './processes.ts'

const checkout = fileURLToPath(new URL('../../', import.meta.url))
let work = ''
let project = ''

interface Ran {
  code: number | null
  stdout: string
  stderr: string
}

function npx(args: readonly string[], timeoutMs = 60_000): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['--no-install', ...args],
      { cwd: project, timeout: timeoutMs },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`exited ${code} before printing`)))
  })
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'x402-package-'))
  const tarball = await packCheckout(checkout, work)
  project = (await installTarball(checkout, tarball, work, { vitest: '5.1.1' })).dir
}, 180_000)

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true })
})

describe('installed from the packed tarball', () => {
  test('the tarball holds the compiled build, not the TypeScript sources', async () => {
    const manifest = JSON.parse(
      await readFile(join(project, 'node_modules/x402-conformance/package.json'), 'utf8'),
    ) as { exports: Record<string, unknown> }
    expect(Object.keys(manifest.exports)).toContain('.')
    await expect(
      readFile(join(project, 'node_modules/x402-conformance/dist/index.js'), 'utf8'),
    ).resolves.toContain('conformance')
    await expect(
      readFile(join(project, 'node_modules/x402-conformance/dist/index.d.ts'), 'utf8'),
    ).resolves.toContain('conformance')
    await expect(readFile(join(project, 'node_modules/x402-conformance/cli/main.ts'))).rejects.toThrow()
  })

  test('npx x402-conformance --help answers with the usage, exit 0', async () => {
    const ran = await npx(['x402-conformance', '--help'])
    expect(ran.stderr).toBe('')
    expect(ran.code).toBe(0)
    expect(ran.stdout).toMatch(/^usage: x402-conformance <command>/)
  })

  test('npx x402-conformance --version prints the package version', async () => {
    const { version } = JSON.parse(await readFile(join(checkout, 'package.json'), 'utf8')) as {
      version: string
    }
    const ran = await npx(['x402-conformance', '--version'])
    expect(ran.code).toBe(0)
    expect(ran.stdout.trim()).toContain(version)
  })

  test('a server run with --start certifies the packaged reference server, exit 0', async () => {
    const port = await freePort()
    const report = join(work, 'report')
    const ran = await npx(
      [
        'x402-conformance',
        'server',
        `http://127.0.0.1:${port}/weather`,
        '--start',
        'node node_modules/x402-conformance/dist/harness/reference/server/cli.js --x402-version 2',
        '--case',
        'server.challenge.*',
        '--report',
        report,
        '--quiet',
      ],
      120_000,
    )
    expect(ran.stderr).toBe('')
    expect(ran.code).toBe(0)
    const written = JSON.parse(await readFile(join(report, 'report.json'), 'utf8')) as { verdict?: unknown }
    expect(JSON.stringify(written)).toContain('server.challenge.')
  }, 150_000)

  // TERM/KILL go to npx alone (`kill $!`): npm ends without passing them on, we notice our parent
  // going. INT/HUP go to the group, as Ctrl-C and a closed terminal send them. (INT to npx alone is
  // held by npm's `sh -c` wrapper until its child exits, so npm does not end either: nothing sees it.)
  const stops = [
    { signal: 'SIGTERM', group: false },
    { signal: 'SIGKILL', group: false },
    { signal: 'SIGINT', group: true },
    { signal: 'SIGHUP', group: true },
  ] as const
  for (const { signal, group } of stops) {
    test(`npx x402-conformance devnet, then ${signal} to ${group ? 'its process group' : 'npx'}: nothing is left within 5 s`, async () => {
      const wrapper = spawn('npx', ['--no-install', 'x402-conformance', 'devnet', '--json'], {
        cwd: project,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      })
      let started: number[] = []
      try {
        const info = JSON.parse(await firstLine(wrapper)) as { rpcUrl: string; facilitatorUrl: string }
        expect(info.rpcUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
        started = descendants(wrapper.pid!)
        // npm's sh -c, our node, anvil (and the watchdog): the devnet really runs under npx.
        expect(started.length).toBeGreaterThanOrEqual(3)
        expect((await fetch(`${info.facilitatorUrl}/supported`)).ok).toBe(true)
        process.kill(group ? -wrapper.pid! : wrapper.pid!, signal)
        expect(await survivorsAfter(started, 5000)).toEqual([])
        await expect(fetch(`${info.facilitatorUrl}/supported`)).rejects.toThrow()
      } finally {
        // Whatever this test started and is still there (only on failure).
        for (const pid of [wrapper.pid!, ...started]) {
          try {
            process.kill(pid, 'SIGKILL')
          } catch {
            // already gone
          }
        }
      }
    }, 60_000)
  }

  test("the README's vitest snippet certifies a server from the package", async () => {
    await writeFile(
      join(project, 'my-server.conformance.test.ts'),
      [
        "import { conformance, startReferenceServer } from 'x402-conformance'",
        '',
        'await conformance.server({',
        "  label: 'my-server',",
        "  filters: { ids: ['server.challenge.*', 'server.payment.*'] },",
        '  create: async (env) => {',
        '    const server = await startReferenceServer(2, env)',
        '    return { url: server.url, stop: () => server.stop() }',
        '  },',
        '})',
        '',
      ].join('\n'),
    )
    const output = join(work, 'vitest.json')
    const ran = await npx(['vitest', 'run', '--reporter=json', `--outputFile=${output}`], 120_000)
    expect(ran.code).toBe(0)
    const result = JSON.parse(await readFile(output, 'utf8')) as {
      numPassedTests: number
      numFailedTests: number
    }
    expect(result.numFailedTests).toBe(0)
    expect(result.numPassedTests).toBeGreaterThan(5)
  }, 150_000)
})
