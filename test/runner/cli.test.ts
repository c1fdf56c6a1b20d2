/**
 * The runner end to end through the real CLI: a child process runs `x402-conformance` against the toy
 * targets (started with --start, attached by URL, client commands, drivers), with real devnets.
 * Checks outcomes in report.json, exit codes, one-line errors, and that nothing is left running.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { freePort } from '../../harness/devnet/ports.ts'
import {
  leftovers,
  outcomes,
  readReport,
  reportDir,
  runCli,
  settledLeftovers,
  startCli,
  toyClientCommand,
  toyServerArgs,
  toyServerCommand,
  toySuites,
} from './cli.ts'
import { startToyServer } from './fixtures/toy-server.ts'

const suites = ['--suites', toySuites]

async function serverRun(cases: string[], extra: string[] = []) {
  const dir = reportDir()
  const port = await freePort()
  const args = [...toyServerArgs(`http://127.0.0.1:${port}/`), '--report', dir]
  for (const id of cases) args.push('--case', id)
  const run = await runCli([...args, ...extra])
  return { run, dir, report: readReport(dir) }
}

describe('a run against a started target', () => {
  test('every way a case can end maps to its outcome; exit 1 with a broken MUST; seed recorded', async () => {
    const { run, report } = await serverRun(['server.toy.*'], ['--tag', 'broken', '--seed', '1234'])
    // --case and --tag must both match: the two "broken" cases only.
    expect(outcomes(report)).toEqual({
      'server.toy.must-break@v2': 'fail',
      'server.toy.should-break@v2': 'warn',
    })
    expect(run.code).toBe(1)
    expect(report.exitCode).toBe(1)
    expect(report.verdict).toBe('not-conformant')
    expect(report.seed).toBe(1234)
    expect(report.command).toContain('--seed 1234')
    const failure = report.results.find((result) => result.outcome === 'fail')!
    expect(failure).toMatchObject({
      message: 'the target answered 500',
      expected: 'HTTP 200',
      seen: 'HTTP 500',
    })
    expect(failure.evidence[0]).toMatchObject({ kind: 'http', response: { status: 500 } })
    // Failures print as they happen with what was expected and seen.
    expect(run.stdout).toContain(
      'FAIL server.toy.must-break [v2]: the target answered 500\n    expected: HTTP 200\n    seen:     HTTP 500',
    )
    expect(await settledLeftovers(run.mark)).toEqual([])
  })

  test('pass, warn (graded check), info, skip (capability and explicit), error (one line), versions', async () => {
    const { run, report } = await serverRun([
      'server.toy.ok',
      'server.toy.graded',
      'server.toy.may-open',
      'server.toy.needs-budget',
      'server.toy.explicit-skip',
      'server.toy.unexpected',
      'server.toy.v1-only',
      'server.toy.started-env',
    ])
    expect(outcomes(report)).toEqual({
      'server.toy.explicit-skip@v2': 'skip',
      'server.toy.graded@v2': 'warn',
      'server.toy.may-open@v2': 'info',
      'server.toy.needs-budget@v2': 'skip',
      'server.toy.ok@v1': 'pass',
      'server.toy.ok@v2': 'pass',
      'server.toy.started-env@v2': 'pass',
      'server.toy.unexpected@v2': 'error',
      'server.toy.v1-only@v1': 'pass',
    })
    const byId = Object.fromEntries(
      report.results.map((result) => [`${result.id}@v${result.version}`, result]),
    )
    expect(byId['server.toy.unexpected@v2']!.message).toBe('TypeError: cannot read value')
    expect(byId['server.toy.needs-budget@v2']!.message).toMatch(
      /^the target does not offer: client-budget \(/,
    )
    expect(byId['server.toy.explicit-skip@v2']!.message).toBe('the target offers no v2 route for this')
    // No stack trace anywhere without --verbose.
    expect(JSON.stringify(report)).not.toMatch(/\bat .*\.ts:\d+/)
    expect(report.target).toMatchObject({ role: 'server', versions: [1, 2] })
    // An error and no fail: the run proves nothing either way.
    expect(run.code).toBe(2)
    expect(report.verdict).toBe('incomplete')
    expect(await settledLeftovers(run.mark)).toEqual([])
  })

  test('--x402-version limits the versions run; a conformant run exits 0', async () => {
    const { run, report } = await serverRun(['server.toy.ok', 'server.toy.v1-only'], ['--x402-version', '2'])
    expect(outcomes(report)).toEqual({ 'server.toy.ok@v2': 'pass' })
    expect(run.code).toBe(0)
    expect(report.verdict).toBe('conformant')
    expect(run.stdout).toMatch(/^conformant \(exit 0\): 1 pass; report: .*report\.html$/m)
  })

  test('a target that supports none of the selected versions: a run error, exit 2', async () => {
    const dir = reportDir()
    const port = await freePort()
    const run = await runCli([
      ...toyServerArgs(`http://127.0.0.1:${port}/`, `TOY_VERSIONS=2 ${toyServerCommand}`),
      '--report',
      dir,
      '--case',
      'server.toy.ok',
      '--x402-version',
      '1',
    ])
    expect(run.code).toBe(2)
    expect(readReport(dir).runErrors).toEqual([
      'the target supports x402 v2; --x402-version 1 selects none of them',
    ])
  })

  test('a hung target costs one case: the run finishes, the case is an error, nothing is left', async () => {
    const { run, report } = await serverRun(
      ['server.toy.hang', 'server.toy.ok'],
      ['--timeout', '1', '--x402-version', '2'],
    )
    expect(outcomes(report)).toEqual({ 'server.toy.hang@v2': 'error', 'server.toy.ok@v2': 'pass' })
    expect(report.results.find((r) => r.id === 'server.toy.hang')!.message).toBe('timed out after 1 s')
    expect(run.code).toBe(2)
    expect(run.durationMs).toBeLessThan(30_000)
    expect(await settledLeftovers(run.mark)).toEqual([])
  })

  test('a target that crashes mid-run: later cases are errors naming the exit and its output', async () => {
    const { run, report } = await serverRun(
      ['server.toy.crash', 'server.toy.zz-after-crash'],
      ['--concurrency', '1'],
    )
    expect(outcomes(report)).toEqual({
      'server.toy.crash@v2': 'error',
      'server.toy.zz-after-crash@v2': 'error',
    })
    const after = report.results.find((r) => r.id === 'server.toy.zz-after-crash')!
    expect(after.message).toMatch(
      /^target unavailable: the target process exited with code 3; last output: .*crashing on purpose$/,
    )
    expect(run.code).toBe(2)
    expect(await settledLeftovers(run.mark)).toEqual([])
  })

  test('a --start command that exits at once: one clear line, exit 2, the report says so', async () => {
    const dir = reportDir()
    const port = await freePort()
    const run = await runCli([
      ...toyServerArgs(`http://127.0.0.1:${port}/`, 'echo "config error: no X402_PAY_TO" >&2; exit 4'),
      '--report',
      dir,
      '--case',
      'server.toy.ok',
    ])
    expect(run.code).toBe(2)
    const report = readReport(dir)
    expect(report.runErrors).toEqual([
      `target command 'echo "config error: no X402_PAY_TO" >&2; exit 4' exited with code 4 before answering at http://127.0.0.1:${port}/; last output: config error: no X402_PAY_TO`,
    ])
    // The reason is one line on stderr, before the verdict on stdout.
    expect(run.stderr).toBe(`x402-conformance server: run error: ${report.runErrors[0]}\n`)
    expect(run.stdout).not.toContain('run error')
    expect(await settledLeftovers(run.mark)).toEqual([])
  })
})

describe('interrupted runs', () => {
  test.each(['SIGINT', 'SIGTERM'] as const)(
    '%s to the CLI mid-run stops everything it started',
    async (signal) => {
      const port = await freePort()
      const { child, mark } = startCli([
        ...toyServerArgs(`http://127.0.0.1:${port}/`),
        '--report',
        reportDir(),
        '--case',
        'server.toy.hang',
        '--timeout',
        '30',
      ])
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
      // Wait until the run is under way: a worker with its devnet and the started target.
      const isTarget = (command: string) => command.startsWith('sh -c') && command.includes('toy-server.ts')
      const deadline = Date.now() + 30_000
      while (!leftovers(mark).some((p) => isTarget(p.command)) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 100))
      const running = leftovers(mark).map((p) => p.command)
      expect(running.some((command) => command.includes('/anvil '))).toBe(true)
      expect(running.some(isTarget)).toBe(true)
      child.kill(signal)
      expect(await exited).toBe(signal === 'SIGINT' ? 130 : 143)
      expect(await settledLeftovers(mark)).toEqual([])
    },
  )
})

describe('URL targets, --rpc and --json', () => {
  test('an unreachable URL: exit 2, one line, the report says so', async () => {
    const dir = reportDir()
    const port = await freePort()
    const run = await runCli([
      'server',
      `http://127.0.0.1:${port}/paid`,
      ...suites,
      '--report',
      dir,
      '--quiet',
    ])
    expect(run.code).toBe(2)
    expect(run.stdout).toBe(`incomplete (exit 2): no case ran; report: ${join(dir, 'report.html')}\n`)
    expect(readReport(dir).runErrors).toEqual([
      `target http://127.0.0.1:${port}/paid is unreachable: connection refused`,
    ])
  })

  test('a running target by URL, attached to a devnet given with --rpc, report on stdout with --json', async () => {
    const toy = await startToyServer()
    const devnet = await (await import('../../harness/devnet/index.ts')).startDevnet()
    try {
      const dir = reportDir()
      const run = await runCli([
        'server',
        toy.url,
        ...suites,
        '--report',
        dir,
        '--case',
        'server.toy.ok',
        '--json',
        '--rpc',
        devnet.rpcUrl,
      ])
      expect(run.code).toBe(0)
      const printed = JSON.parse(run.stdout) as ReturnType<typeof readReport>
      expect(printed).toEqual(readReport(dir))
      expect(printed.target).toMatchObject({ role: 'server', url: toy.url, versions: [1, 2] })
      expect(run.stderr).toContain('conformant (exit 0): 2 pass')
    } finally {
      await devnet.stop()
      await toy.stop()
    }
  })
})

describe('clients', () => {
  test('a client command runs per payment; garbage output fails that case only', async () => {
    const good = reportDir()
    const ok = await runCli(['client', '--start', toyClientCommand('payer'), ...suites, '--report', good])
    expect(ok.code).toBe(0)
    expect(outcomes(readReport(good))).toEqual({ 'client.toy.fetches@v2': 'pass' })

    const bad = reportDir()
    const garbage = await runCli([
      'client',
      '--start',
      toyClientCommand('garbage'),
      ...suites,
      '--report',
      bad,
    ])
    expect(garbage.code).toBe(1)
    const [result] = readReport(bad).results
    expect(result).toMatchObject({
      outcome: 'fail',
      message: 'the client command (exited with code 0) printed no JSON line',
      seen: 'hello, I am not JSON',
    })
    expect(await settledLeftovers(garbage.mark)).toEqual([])
  })

  test('a driver is asked by POST', async () => {
    const asked: string[] = []
    const driver = createServer((request, response) => {
      let body = ''
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString()
      })
      request.on('end', async () => {
        if (request.method === 'POST') {
          const { url } = JSON.parse(body) as { url: string }
          asked.push(url)
          const paid = await fetch(url)
          response.end(JSON.stringify({ success: paid.ok, status: paid.status, body: await paid.json() }))
        } else response.end('driver')
      })
    })
    await new Promise<void>((resolve) => driver.listen(0, '127.0.0.1', resolve))
    try {
      const dir = reportDir()
      const url = `http://127.0.0.1:${(driver.address() as AddressInfo).port}/`
      const run = await runCli(['client', '--driver', url, ...suites, '--report', dir])
      expect(run.code).toBe(0)
      expect(outcomes(readReport(dir))).toEqual({ 'client.toy.fetches@v2': 'pass' })
      expect(asked).toHaveLength(1)
      expect(asked[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/resource$/)
    } finally {
      await new Promise<void>((resolve) => driver.close(() => resolve()))
    }
  })
})

describe('baselines', () => {
  test('--write-baseline records the outcomes; --baseline then gates on differences only', async () => {
    const baseline = join(reportDir(), 'baseline.json')
    const cases = ['server.toy.ok', 'server.toy.must-break']
    const first = await serverRun(cases, ['--write-baseline', baseline, '--x402-version', '2'])
    expect(first.run.code).toBe(1)
    const written = JSON.parse(readFileSync(baseline, 'utf8')) as { expected: Record<string, string> }
    expect(written.expected).toEqual({ 'server.toy.must-break@v2': 'fail', 'server.toy.ok@v2': 'pass' })

    // The same outcomes again: the known failure is expected, so the ratchet exits 0.
    const again = await serverRun(cases, ['--baseline', baseline, '--x402-version', '2'])
    expect(again.run.code).toBe(0)
    expect(again.report.verdict).toBe('not-conformant')
    expect(again.report.baseline).toMatchObject({ unexpectedFailures: [], unexpectedPasses: [] })

    // A baseline that expects the MUST to hold: the failure is unexpected, exit 1.
    writeFileSync(baseline, JSON.stringify({ ...written, expected: { 'server.toy.must-break@v2': 'pass' } }))
    const regressed = await serverRun(cases, ['--baseline', baseline, '--x402-version', '2'])
    expect(regressed.run.code).toBe(1)
    expect(regressed.report.baseline!.unexpectedFailures).toEqual([
      { key: 'server.toy.must-break@v2', expected: 'pass', seen: 'fail' },
    ])
  })
})

describe('shards, merge, list, demo', () => {
  test('two shards are disjoint, their merge is the whole run', async () => {
    const cases = [
      'server.toy.ok',
      'server.toy.v1-only',
      'server.toy.may-open',
      'server.toy.graded',
      'server.toy.must-break',
    ]
    const one = await serverRun(cases, ['--shard', '1/2', '--seed', '7'])
    const two = await serverRun(cases, ['--shard', '2/2', '--seed', '7'])
    const first = Object.keys(outcomes(one.report))
    const second = Object.keys(outcomes(two.report))
    expect(first.filter((key) => second.includes(key))).toEqual([])
    expect(one.report.shard).toEqual({ index: 1, count: 2 })

    const merged = reportDir()
    const run = await runCli(['merge', one.dir, two.dir, '--report', merged])
    const report = readReport(merged)
    expect(Object.keys(outcomes(report)).sort()).toEqual([...first, ...second].sort())
    expect(Object.keys(outcomes(report))).toHaveLength(6)
    expect(report.shard).toBeUndefined()
    expect(report.command).not.toContain('--shard')
    expect(run.code).toBe(1) // must-break fails in one of the shards
    expect(report.exitCode).toBe(1)
  })

  test('--list prints the selection without running anything', async () => {
    const run = await runCli(['server', 'http://127.0.0.1:9/', ...suites, '--list', '--tag', 'broken'])
    expect(run.code).toBe(0)
    expect(run.stdout).toBe(
      'server.toy.must-break  [v2] MUST  A broken MUST fails\nserver.toy.should-break  [v2] SHOULD  A broken SHOULD warns\n',
    )
  })

  test('demo runs every suite against its reference implementations, one report folder each', async () => {
    const dir = reportDir()
    const run = await runCli([
      'demo',
      ...suites,
      '--report',
      dir,
      '--case',
      'server.toy.ok',
      '--case',
      'client.*',
    ])
    expect(run.code).toBe(0)
    expect(outcomes(readReport(join(dir, 'toy-server-in-process')))).toEqual({
      'server.toy.ok@v1': 'pass',
      'server.toy.ok@v2': 'pass',
    })
    expect(outcomes(readReport(join(dir, 'toy-client-in-process')))).toEqual({
      'client.toy.fetches@v2': 'pass',
    })
    expect(run.stdout).toMatch(/^toy-server-in-process: conformant \(exit 0\)/m)
    expect(run.stdout).toMatch(
      /^coverage \(in-scope requirements with at least one case\): .*server \d+\/\d+ \(\+\d+ later\)/m,
    )
    expect(await settledLeftovers(run.mark)).toEqual([])
  })
})

describe('bad input: one line, exit 2, no stack trace', () => {
  const cases: [string, string[], RegExp][] = [
    [
      'unknown flag',
      ['server', 'http://127.0.0.1:9/', '--frobnicate'],
      /^x402-conformance server: Unknown option '--frobnicate'/,
    ],
    [
      'malformed URL',
      ['server', 'not a url'],
      /^x402-conformance server: the server URL must be an http:\/\/ URL on loopback, got 'not a url'$/,
    ],
    ['missing URL', ['facilitator'], /^x402-conformance facilitator: facilitator needs exactly one <url>/],
    ['client without target', ['client'], /^x402-conformance client: client needs exactly one of --start/],
    [
      'client command without {url}',
      ['client', '--start', 'node c.js'],
      /--start needs a command containing \{url\}$/,
    ],
    [
      'bad shard',
      ['server', 'http://127.0.0.1:9/', '--shard', '3/2'],
      /--shard must be i\/n with 1 <= i <= n, got '3\/2'$/,
    ],
    ['bad timeout', ['server', 'http://127.0.0.1:9/', '--timeout', 'soon'], /--timeout must be a duration/],
    [
      'bad version',
      ['server', 'http://127.0.0.1:9/', '--x402-version', '3'],
      /--x402-version must be 1 or 2, got '3'$/,
    ],
    [
      'duplicate case ids',
      [
        'server',
        'http://127.0.0.1:9/',
        '--suites',
        join(import.meta.dirname, 'fixtures/duplicate-suites.ts'),
      ],
      /duplicate case id 'server\.toy\.ok'$/,
    ],
    [
      'no case selected',
      ['server', 'http://127.0.0.1:9/', ...suites, '--case', 'nothing.*'],
      /no case matches the filters$/,
    ],
    ['merge without --report', ['merge', '/tmp'], /merge needs --report <dir>/],
    [
      'missing baseline file',
      ['server', 'http://127.0.0.1:9/', ...suites, '--baseline', '/nonexistent/baseline.json'],
      /\/nonexistent\/baseline\.json: cannot read baseline \(ENOENT\)$/,
    ],
  ]
  test.each(cases)('%s', async (_name, args, message) => {
    const run = await runCli(args)
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    const lines = run.stderr.trimEnd().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(message)
  })
})
