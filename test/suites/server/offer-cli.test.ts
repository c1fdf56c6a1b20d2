/**
 * `x402-conformance server … --offer <file>` through the real CLI (issue 13): an unreadable challenge
 * never switches the payment cases off silently (the verdict line counts them and says how to run
 * them), a valid offer makes them run, an invalid one is one stderr line and exit 2.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { freePort } from '../../../harness/devnet/index.ts'
import { outcomes, readReport, reportDir, root, runCli } from '../../runner/cli.ts'

const server = `${process.execPath} ${join(root, 'test/suites/server/flattened-server-cli.ts')}`
const CASES = [
  '--case',
  'server.payment.honest',
  '--case',
  'server.replay.sequential',
  '--case',
  'server.challenge.schema',
]

/** The flattened server's offer, as a user would write it from its body (devnet defaults of base-sepolia). */
function offerFile(dir: string, amount = '1000'): string {
  const file = join(dir, 'offer.json')
  const offer = {
    scheme: 'exact',
    network: 'eip155:84532',
    amount,
    asset: '0x036CbD53842c5426634e7929541eC2318f3dCF7e',
    payTo: '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
    maxTimeoutSeconds: 60,
    extra: { name: 'USDC', version: '2' },
  }
  writeFileSync(file, JSON.stringify({ x402Version: 2, accepts: [offer] }))
  return file
}

describe('server --offer', () => {
  test('without it, the verdict line says how many payment cases could not run and how to run them', async () => {
    const url = `http://127.0.0.1:${await freePort()}/weather`
    const dir = reportDir()
    const run = await runCli(['server', url, '--start', server, ...CASES, '--report', dir, '--workers', '1'])
    expect(run.code, run.stderr).toBe(1)
    const verdict = run.stdout.split('\n').find((line) => line.includes('(exit 1)')) ?? ''
    expect(verdict).toMatch(/2 payment cases could not run: no payable offer \(v2\).*--offer <file>/)
    expect(outcomes(readReport(dir))).toEqual({
      'server.challenge.schema@v2': 'fail',
      'server.payment.honest@v2': 'skip',
      'server.replay.sequential@v2': 'skip',
    })
  }, 90_000)

  test('with it, the payment cases run against the terms given (the challenge case still fails)', async () => {
    const url = `http://127.0.0.1:${await freePort()}/weather`
    const dir = reportDir()
    const offer = offerFile(dir)
    const run = await runCli(['server', url, '--start', server, ...CASES, '--offer', offer, '--report', dir])
    expect(run.code, run.stderr).toBe(1)
    expect(run.stdout).not.toContain('could not run')
    expect(outcomes(readReport(dir))).toEqual({
      'server.challenge.schema@v2': 'fail',
      'server.payment.honest@v2': 'pass',
      'server.replay.sequential@v2': 'pass',
    })
  }, 90_000)

  test('an invalid offer file is one stderr line and exit 2', async () => {
    const dir = reportDir()
    const offer = offerFile(dir, '1.5')
    const run = await runCli(['server', 'http://127.0.0.1:9/weather', '--offer', offer])
    expect(run.code).toBe(2)
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/--offer .*accepts\[0\]\.amount/)])
    expect(run.stdout).toBe('')
  }, 30_000)
})
