/**
 * Every way a run cannot be done, through the real CLI (`node bin/x402-conformance.js`) with real
 * processes on loopback: one line on stderr that says why, before the verdict, also with --quiet and
 * --json; exit 2; no stack trace; nothing left running.
 */
import { createServer as createHttpServer } from 'node:http'
import { createServer, type Server, type Socket } from 'node:net'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { freePort } from '../../harness/devnet/ports.ts'
import {
  type CliRun,
  readReport,
  reportDir,
  root,
  runCli,
  settledLeftovers,
  toyServerCommand,
  toySuites,
} from '../runner/cli.ts'
import { startToyServer } from '../runner/fixtures/toy-server.ts'

const suites = ['--suites', toySuites]
const fixture = (name: string) => `${process.execPath} ${join(root, 'test/cli/fixtures', name)}`

/** The run's stderr is exactly one line, matching `line`; exit 2; no stack frame anywhere. */
function expectOneLine(run: CliRun, line: RegExp): void {
  expect(run.code).toBe(2)
  const lines = run.stderr.trimEnd().split('\n')
  expect(lines, run.stderr).toHaveLength(1)
  expect(lines[0]).toMatch(line)
  expect(run.stdout + run.stderr).not.toMatch(/^\s+at .*:\d+:\d+\)?$/m)
}

/** A server run against `url`, quiet, with a report folder; `extra` after the rest. */
async function serverRun(url: string, extra: string[] = []) {
  const dir = reportDir()
  const run = await runCli(['server', url, ...suites, '--report', dir, '--case', 'server.toy.ok', ...extra])
  return { run, dir }
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  )
}

describe('targets that are not there', () => {
  test('refused: nothing listens at the URL (with --quiet)', async () => {
    const port = await freePort()
    const { run, dir } = await serverRun(`http://127.0.0.1:${port}/paid`, ['--quiet'])
    expectOneLine(
      run,
      new RegExp(
        `^x402-conformance server: run error: target http://127\\.0\\.0\\.1:${port}/paid is unreachable: connection refused$`,
      ),
    )
    expect(run.stdout).toBe(`incomplete (exit 2): no case ran; report: ${join(dir, 'report.html')}\n`)
    expect(readReport(dir).runErrors).toEqual([
      `target http://127.0.0.1:${port}/paid is unreachable: connection refused`,
    ])
  })

  test('unreachable: a listener that never answers HTTP (with --json: the JSON report on stdout)', async () => {
    const sockets: Socket[] = []
    const silent = createServer((socket) => sockets.push(socket))
    const port = await listen(silent)
    try {
      const { run } = await serverRun(`http://127.0.0.1:${port}/paid`, ['--json', '--quiet'])
      expect(run.code).toBe(2)
      // With --json the verdict line goes to stderr too: the run error comes before it.
      expect(run.stderr).toMatch(
        /^x402-conformance server: run error: target .* is unreachable: no answer within 2 s\nincomplete \(exit 2\): no case ran; report: .*\n$/,
      )
      expect(JSON.parse(run.stdout)).toMatchObject({ verdict: 'incomplete', exitCode: 2 })
    } finally {
      for (const socket of sockets) socket.destroy()
      silent.close()
    }
  })

  test.each([
    [
      'DNS name',
      'http://example.invalid/x',
      /must be on loopback .*: the local devnet cannot be reached from there$/,
    ],
    [
      'non-loopback address',
      'http://10.0.0.1:4021/x',
      /must be on loopback \(127\.0\.0\.0\/8, localhost, \[::1\]\), got 'http:\/\/10\.0\.0\.1:4021\/x'/,
    ],
    [
      'https',
      'https://127.0.0.1:4021/x',
      /must be plain http:\/\/ on loopback, got 'https:\/\/127\.0\.0\.1:4021\/x'/,
    ],
  ])('%s: refused before anything connects', async (_name, url, line) => {
    const run = await runCli(['server', url, ...suites])
    expectOneLine(run, line)
    expect(run.stdout).toBe('')
    // Not a speed check: a run that tried to connect would wait out its timeouts (minutes here).
    expect(run.durationMs).toBeLessThan(30_000)
  })

  test('a driver and an --rpc off the machine are refused the same way', async () => {
    const driver = await runCli(['client', '--driver', 'http://192.168.1.7:5000/pay', ...suites])
    expectOneLine(
      driver,
      /^x402-conformance client: --driver must be on loopback .*got 'http:\/\/192\.168\.1\.7:5000\/pay'/,
    )
    const rpc = await runCli(['server', 'http://127.0.0.1:4021/', '--rpc', 'http://10.1.2.3:8545', ...suites])
    expectOneLine(
      rpc,
      /^x402-conformance server: --rpc must be on loopback .*got 'http:\/\/10\.1\.2\.3:8545'/,
    )
  })
})

describe('a bad --rpc', () => {
  test('nothing listens there: the devnet is named, not the target', async () => {
    const toy = await startToyServer()
    try {
      const port = await freePort()
      const { run } = await serverRun(toy.url, ['--rpc', `http://127.0.0.1:${port}`])
      expectOneLine(
        run,
        new RegExp(
          `^x402-conformance server: run error: the devnet given with --rpc http://127\\.0\\.0\\.1:${port}/ is unreachable: connection refused$`,
        ),
      )
      expect(run.stdout).toMatch(/^incomplete \(exit 2\): no case ran/m)
    } finally {
      await toy.stop()
    }
  })

  test('an HTTP server that is no devnet', async () => {
    const toy = await startToyServer()
    try {
      const { run } = await serverRun(toy.url, ['--rpc', toy.url, '--quiet'])
      expectOneLine(
        run,
        /^x402-conformance server: run error: --rpc http:\/\/127\.0\.0\.1:\d+\/: devnet .* is unreachable/,
      )
    } finally {
      await toy.stop()
    }
  })
})

describe('--start targets that do not come up', () => {
  test('a crash at start-up: its error line, not its stack frames', async () => {
    const port = await freePort()
    const { run } = await serverRun(`http://127.0.0.1:${port}/`, ['--start', fixture('crash.mjs')])
    expectOneLine(
      run,
      /^x402-conformance server: run error: target command '.*crash\.mjs' exited with code 1 before answering at .*; last output: Error: missing config: PAY_TO is required$/,
    )
    expect(await settledLeftovers(run.mark)).toEqual([])
  })

  test('never listening: stopped after --ready-timeout, with the PORT hint and its output', async () => {
    const port = await freePort()
    const { run } = await serverRun(`http://127.0.0.1:${port}/`, [
      '--start',
      'echo warming up forever; sleep 60',
      '--ready-timeout',
      '1',
      '--quiet',
    ])
    expectOneLine(
      run,
      new RegExp(
        `^x402-conformance server: run error: target command 'echo warming up forever; sleep 60' did not answer at http://127\\.0\\.0\\.1:${port}/ within 1 s \\(connection refused\\) \\(does it listen on \\$PORT, here ${port}\\?\\); last output: warming up forever$`,
      ),
    )
    expect(await settledLeftovers(run.mark)).toEqual([])
  })

  test('listening on another port than $PORT: said at once, naming that port', async () => {
    const [port, other] = [await freePort(), await freePort()]
    const { run } = await serverRun(`http://127.0.0.1:${port}/`, [
      '--start',
      `PORT=${other} ${toyServerCommand}`,
      '--ready-timeout',
      '120',
    ])
    expectOneLine(
      run,
      new RegExp(
        `run error: target command .* listens on port ${other}, not on \\$PORT \\(here ${port}\\), so nothing answers`,
      ),
    )
    // "At once" against the 120 s it would otherwise wait for the target to answer on $PORT.
    expect(run.durationMs).toBeLessThan(60_000)
    expect(await settledLeftovers(run.mark)).toEqual([])
  })

  test('listening but never answering HTTP', async () => {
    const port = await freePort()
    const { run } = await serverRun(`http://127.0.0.1:${port}/`, [
      '--start',
      fixture('silent-server.mjs'),
      '--ready-timeout',
      '1.5',
    ])
    expectOneLine(run, /run error: target command .* did not answer at .* within 1\.5 s \(no answer within/)
    expect(await settledLeftovers(run.mark)).toEqual([])
  })

  test('port in use: refused before starting anything; the other process is never tested', async () => {
    let requests = 0
    const squatter = createHttpServer((_request, response) => {
      requests += 1
      response.end('not yours')
    })
    const port = await listen(squatter as unknown as Server)
    try {
      for (const extra of [[], ['--workers', '1']]) {
        const { run } = await serverRun(`http://127.0.0.1:${port}/`, ['--start', toyServerCommand, ...extra])
        expectOneLine(
          run,
          new RegExp(
            `^x402-conformance server: run error: port ${port} of http://127\\.0\\.0\\.1:${port}/ is already in use: another process listens there`,
          ),
        )
        expect(run.stdout).toMatch(/^incomplete \(exit 2\): no case ran/m)
        expect(await settledLeftovers(run.mark)).toEqual([])
      }
      expect(requests).toBe(0)
    } finally {
      squatter.close()
    }
  })
})
