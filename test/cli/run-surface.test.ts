/**
 * What a run tells its user, through the real CLI with real processes on loopback: copies of a started
 * target announced with their ports (and a target that fixes its port run one copy at a time), the
 * reproduce command (run again), baseline differences on stderr, --help and --version, progress with
 * a known total and the target's name, and each case's window of target output as evidence.
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { freePort } from '../../harness/devnet/ports.ts'
import { packageInfo } from '../../harness/package-info.ts'
import {
  outcomes,
  readReport,
  reportDir,
  root,
  runCli,
  settledLeftovers,
  toyServerArgs,
  toyServerCommand,
} from '../runner/cli.ts'

/** Text of an HTML or XML attribute or element, with its character references decoded. */
const decode = (text: string) =>
  text
    .replace(/&#(x?)([0-9a-f]+);/gi, (_all, hex: string, code: string) =>
      String.fromCodePoint(Number.parseInt(code, hex ? 16 : 10)),
    )
    .replaceAll('&apos;', "'")
    .replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')
const cases = ['--case', 'server.toy.ok', '--case', 'server.toy.v1-only', '--case', 'server.toy.may-open']

describe('copies of a started target', () => {
  test('extra copies are announced once with their ports; --workers 1 starts one', async () => {
    const port = await freePort()
    const dir = reportDir()
    const url = `http://127.0.0.1:${port}/`
    const run = await runCli([...toyServerArgs(url), ...cases, '--workers', '2', '--report', dir])
    expect(run.code).toBe(0)
    const announced = run.stdout.split('\n').filter((line) => line.includes('copies of the target'))
    expect(announced).toHaveLength(1)
    expect(announced[0]).toMatch(
      new RegExp(
        `^x402-conformance: starting 2 copies of the target, .*on port ${port} \\(the URL's\\) and \\d+ .*--workers 1 starts one copy only`,
      ),
    )
    expect(outcomes(readReport(dir))).toEqual({
      'server.toy.may-open@v2': 'info',
      'server.toy.ok@v1': 'pass',
      'server.toy.ok@v2': 'pass',
      'server.toy.v1-only@v1': 'pass',
    })
    const one = await runCli([...toyServerArgs(url), ...cases, '--workers', '1', '--report', reportDir()])
    expect(one.code).toBe(0)
    expect(one.stdout).not.toContain('copies')
    expect(await settledLeftovers(run.mark)).toEqual([])
  })

  test('a target that fixes its own port: detected, said once, its copies run one at a time', async () => {
    const port = await freePort()
    const dir = reportDir()
    const run = await runCli([
      // A command that fixes PORT itself: it ignores the PORT the harness hands it.
      ...toyServerArgs(`http://127.0.0.1:${port}/`, `PORT=${port} ${toyServerCommand}`),
      ...cases,
      // Two copies: with three, a copy's trial on its own port can take the user's port in the moment
      // another copy hands it over, and fool that copy's ready check (a known race, see the issue notes).
      '--workers',
      '2',
      '--report',
      dir,
    ])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const notices = run.stdout.split('\n').filter((line) => line.includes('fix its own port'))
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatch(new RegExp(`its copies ran one after another on port ${port} \\(--workers 1`))
    expect(Object.keys(outcomes(readReport(dir)))).toHaveLength(4)
    expect(await settledLeftovers(run.mark)).toEqual([])
  })
})

describe('the reproduce command', () => {
  test('every report format carries the full command line, and running it re-runs the run', async () => {
    const port = await freePort()
    const dir = reportDir()
    const args = [...toyServerArgs(`http://127.0.0.1:${port}/`), ...cases]
    const first = await runCli([...args, '--x402-version', '2', '--report', dir])
    const report = readReport(dir)
    const command = report.command
    expect(command).toMatch(
      new RegExp(
        `^x402-conformance server http://127\\.0\\.0\\.1:${port}/ --start '.*toy-server\\.ts' --suites .* --case server\\.toy\\.ok .*--x402-version 2 --report .* --seed ${report.seed}$`,
      ),
    )
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain(`Reproduce: \`${command}\``)
    const html = readFileSync(join(dir, 'report.html'), 'utf8')
    expect(decode(/id="command">([^<]*)</.exec(html)?.[1] ?? '')).toBe(command)
    const junit = readFileSync(join(dir, 'junit.xml'), 'utf8')
    expect(decode(/name="x402\.command" value="([^"]*)"/.exec(junit)?.[1] ?? '')).toBe(command)

    // Run it as a user would paste it, with `x402-conformance` on PATH.
    const bin = reportDir()
    writeFileSync(
      join(bin, 'x402-conformance'),
      `#!/bin/sh\nexec "${process.execPath}" "${join(root, 'bin/x402-conformance.js')}" "$@"\n`,
    )
    chmodSync(join(bin, 'x402-conformance'), 0o755)
    let again = ''
    try {
      again = execFileSync('sh', ['-c', command], {
        cwd: root,
        env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, NO_COLOR: '1' },
        encoding: 'utf8',
      })
    } catch (error) {
      throw new Error(
        `the reproduce command failed: ${String((error as { stderr?: unknown }).stderr ?? error)}`,
      )
    }
    expect(again).toContain(`seed ${report.seed}`)
    const rerun = readReport(dir)
    expect(rerun.seed).toBe(report.seed)
    expect(rerun.command).toBe(command)
    expect(outcomes(rerun)).toEqual(outcomes(report))
    expect(first.code).toBe(0)
  })
})

describe('baselines', () => {
  test('differences are printed on stderr with case, expected, seen and the exit code', async () => {
    const port = await freePort()
    const baseline = join(reportDir(), 'baseline.json')
    writeFileSync(
      baseline,
      JSON.stringify({
        schemaVersion: 1,
        suite: 'x402-conformance',
        createdAt: '2026-12-01T00:00:00.000Z',
        expected: { 'server.toy.ok@v2': 'fail', 'server.toy.must-break@v2': 'pass' },
      }),
    )
    const run = await runCli([
      ...toyServerArgs(`http://127.0.0.1:${port}/`),
      '--case',
      'server.toy.ok',
      '--case',
      'server.toy.must-break',
      '--x402-version',
      '2',
      '--baseline',
      baseline,
      '--quiet',
      '--report',
      reportDir(),
    ])
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(
      `x402-conformance server: 2 differences from baseline ${baseline} (exit 1):\n` +
        '  unexpected failure server.toy.must-break@v2: expected pass, seen fail\n' +
        '  unexpected pass server.toy.ok@v2: expected fail, seen pass (update the baseline)\n',
    )
  })
})

describe('help, version, progress, evidence', () => {
  test('--help on every command exits 0; --version prints the package version', async () => {
    for (const command of ['server', 'client', 'facilitator', 'demo', 'devnet', 'merge', 'catalog']) {
      const run = await runCli([command, '--help'])
      expect(run.code, command).toBe(0)
      expect(run.stdout).toMatch(new RegExp(`^usage: x402-conformance ${command}`))
      expect(run.stderr).toBe('')
    }
    const version = await runCli(['--version'])
    expect(version.code).toBe(0)
    expect(version.stdout).toBe(`x402-conformance ${packageInfo().version}\n`)
  })

  test('progress: [n/N target] with N fixed from the first line; each case keeps the target output of its window', async () => {
    const port = await freePort()
    const dir = reportDir()
    const run = await runCli([
      ...toyServerArgs(`http://127.0.0.1:${port}/`, `TOY_LOG=1 ${toyServerCommand}`),
      ...cases,
      '--case',
      'server.toy.must-break',
      '--report',
      dir,
    ])
    expect(run.code).toBe(1)
    const positions = [...run.stdout.matchAll(/^\[(\d+)\/(\d+) server\] /gm)].map((match) => [
      Number(match[1]),
      Number(match[2]),
    ])
    expect(positions.map(([n]) => n)).toEqual([1, 2, 3, 4, 5])
    expect(new Set(positions.map(([, total]) => total))).toEqual(new Set([5]))
    expect(run.stdout).toMatch(
      /^\[\d\/5 server\] FAIL server\.toy\.must-break \[v2\]: the target answered 500$/m,
    )
    const broken = readReport(dir).results.find((result) => result.id === 'server.toy.must-break')!
    const output = broken.evidence.find(
      (item) => item.kind === 'note' && item.text.startsWith('target output'),
    )
    expect(output).toMatchObject({
      kind: 'note',
      data: expect.stringContaining('toy server: GET /status/500'),
    })
  })
})
