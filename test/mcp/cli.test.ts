/**
 * The MCP roles through the command line, as a user runs them: the reference MCP server over stdio
 * (`--start` without a URL) and over streamable HTTP (`<url> --start`), and the reference MCP client
 * (`--start` with `{url}`), are conformant (exit 0); bad input is one line on stderr and exit 2.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, test } from 'vitest'
import { freePort } from '../../harness/devnet/index.ts'

const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const CLI = join(ROOT, 'bin/x402-conformance.js')

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { cwd: ROOT, timeout: 150_000 })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string }
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' }
  }
}

describe('x402-conformance mcp-server / mcp-client', () => {
  test('the reference MCP server is conformant over stdio and over streamable HTTP', async () => {
    const port = await freePort()
    for (const args of [
      ['--start', 'node harness/reference/mcp/server/cli.ts --stdio'],
      [`http://127.0.0.1:${port}/mcp`, '--start', 'node harness/reference/mcp/server/cli.ts'],
    ]) {
      const report = mkdtempSync(join(tmpdir(), 'mcp-server-report-'))
      const result = await cli(['mcp-server', ...args, '--report', report, '--quiet'])
      expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0)
      const json = JSON.parse(readFileSync(join(report, 'report.json'), 'utf8')) as {
        verdict: string
        results: { role: string; outcome: string }[]
      }
      expect(json.verdict).toBe('conformant')
      expect(json.results.length).toBeGreaterThan(10)
      expect(new Set(json.results.map((r) => r.role))).toEqual(new Set(['mcp-server']))
    }
  }, 200_000)

  test('the reference MCP client is conformant', async () => {
    const report = mkdtempSync(join(tmpdir(), 'mcp-client-report-'))
    const result = await cli([
      'mcp-client',
      '--start',
      'node harness/reference/mcp/client/cli.ts {url}',
      '--report',
      report,
      '--quiet',
    ])
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0)
    const json = JSON.parse(readFileSync(join(report, 'report.json'), 'utf8')) as { verdict: string }
    expect(json.verdict).toBe('conformant')
  }, 200_000)

  test('bad input: one line on stderr, exit 2, no stack', async () => {
    for (const args of [
      ['mcp-server'],
      ['mcp-server', 'http://127.0.0.1:1/mcp', '--arguments', '[1]'],
      ['mcp-client', '--start', 'node client.js'],
      ['mcp-client'],
    ]) {
      const result = await cli(args)
      expect(result.code, args.join(' ')).toBe(2)
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1)
      expect(result.stderr).not.toMatch(/\n\s+at /)
    }
  }, 60_000)
})
