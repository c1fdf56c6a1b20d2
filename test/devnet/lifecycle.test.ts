/** Nothing is left running: not on Ctrl-C, not on SIGTERM, not when the harness itself is killed. */
import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { isRunning, waitGone } from './pids.ts'

const root = fileURLToPath(new URL('../../', import.meta.url))
const cli = `${root}bin/x402-conformance.js`

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! })
    lines.once('line', resolve)
    child.once('exit', (code) => reject(new Error(`exited ${code} before printing`)))
  })
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)))
}

async function rpcAnswers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
    })
    return response.ok
  } catch {
    return false
  }
}

describe('process cleanup', () => {
  test('anvil dies when the harness is killed with SIGKILL', async () => {
    const child = spawn(process.execPath, [fileURLToPath(new URL('./hold-devnet.ts', import.meta.url))], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const { pid, rpcUrl } = JSON.parse(await firstLine(child)) as { pid: number; rpcUrl: string }
    expect(isRunning(pid)).toBe(true)
    expect(await rpcAnswers(rpcUrl)).toBe(true)
    child.kill('SIGKILL')
    await exitOf(child)
    expect(await waitGone(pid)).toBe(true)
    expect(await rpcAnswers(rpcUrl)).toBe(false)
  })

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    test(`devnet command: ${signal} stops anvil and the facilitator, exit 0`, async () => {
      const child = spawn(process.execPath, [cli, 'devnet', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] })
      const info = JSON.parse(await firstLine(child)) as {
        rpcUrl: string
        facilitatorUrl: string
        chainId: number
        network: string
        networkV1: string
        usdc: string
        env: Record<string, string>
        accounts: { address: string; privateKey: string }[]
      }
      expect(info).toMatchObject({
        chainId: 84532,
        network: 'eip155:84532',
        networkV1: 'base-sepolia',
        usdc: '0x036CbD53842c5426634e7929541eC2318f3dCF7e',
      })
      expect(info.accounts).toHaveLength(10)
      expect(info.env.X402_FACILITATOR_URL).toBe(info.facilitatorUrl)
      expect(await rpcAnswers(info.rpcUrl)).toBe(true)
      const supported = await fetch(`${info.facilitatorUrl}/supported`)
      expect(supported.status).toBe(200)
      child.kill(signal)
      expect(await exitOf(child)).toBe(0)
      expect(await rpcAnswers(info.rpcUrl)).toBe(false)
      await expect(fetch(`${info.facilitatorUrl}/supported`)).rejects.toThrow()
    })
  }

  test('devnet command prints export lines without --json', async () => {
    const child = spawn(process.execPath, [cli, 'devnet', '--chain', 'base'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
    })
    while (!out.includes('X402_FACILITATOR_PRIVATE_KEY'))
      await new Promise((resolve) => setTimeout(resolve, 50))
    expect(out).toContain("export X402_CHAIN_ID='8453'")
    expect(out).toContain("export X402_NETWORK='eip155:8453'")
    expect(out).toContain("export X402_ASSET='0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913'")
    expect(out).toMatch(/export X402_RPC_URL='http:\/\/127\.0\.0\.1:\d+'/)
    child.kill('SIGINT')
    expect(await exitOf(child)).toBe(0)
  })
})

describe('bad flags', () => {
  for (const argv of [
    ['devnet', '--chain', 'mainnet'],
    ['devnet', '--port', 'abc'],
    ['devnet', '--bogus'],
    ['nope'],
  ]) {
    test(`${argv.join(' ')} → one line, exit 2`, async () => {
      const child = spawn(process.execPath, [cli, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] })
      let err = ''
      child.stderr!.on('data', (chunk: Buffer) => {
        err += chunk.toString()
      })
      expect(await exitOf(child)).toBe(2)
      expect(err.trim().split('\n')).toHaveLength(1)
      expect(err).not.toMatch(/\n\s+at /)
    })
  }
})
