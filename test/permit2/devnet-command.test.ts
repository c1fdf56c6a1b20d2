/** `x402-conformance devnet` prints where Permit2, the x402 proxies and the plain token are, and they are there. */
import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'

const cli = fileURLToPath(new URL('../../bin/x402-conformance.js', import.meta.url))

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)))
}

async function codeAt(rpcUrl: string, address: string): Promise<string> {
  const response = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getCode', params: [address, 'latest'] }),
  })
  return ((await response.json()) as { result: string }).result
}

test('devnet --json names the Permit2 contracts, which have code on its chain', async () => {
  const child = spawn(process.execPath, [cli, 'devnet', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] })
  try {
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve)
      child.once('exit', (code) => reject(new Error(`exited ${code} before printing`)))
    })
    const info = JSON.parse(line) as { rpcUrl: string; permit2: Record<string, string | number> }
    expect(info.permit2).toEqual({
      permit2: '0x000000000022D473030F116dDEE9F6B43aC78BA3',
      exactProxy: '0x402085c248EeA27D92E8b30b2C58ed07f9E20001',
      uptoProxy: '0x4020A4f3b7b90ccA423B9fabCc0CE57C6C240002',
      token: '0xaCA19A78C02920b5212b3084666bf8b15B622bf5',
      unapprovedAccount: 9,
    })
    for (const [name, address] of Object.entries(info.permit2)) {
      if (typeof address !== 'string') continue
      expect((await codeAt(info.rpcUrl, address)).length, name).toBeGreaterThan(2)
    }
  } finally {
    child.kill('SIGINT')
    await exitOf(child)
  }
})

test('devnet prints the Permit2 addresses as a comment line', async () => {
  const child = spawn(process.execPath, [cli, 'devnet'], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString()
  })
  try {
    while (!out.includes('Funded accounts')) await new Promise((resolve) => setTimeout(resolve, 50))
    expect(out).toMatch(/# Permit2 0x000000000022D473030F116dDEE9F6B43aC78BA3, x402 exact proxy 0x402085c2/)
    expect(out).toContain('upto proxy 0x4020A4f3b7b90ccA423B9fabCc0CE57C6C240002')
  } finally {
    child.kill('SIGINT')
    expect(await exitOf(child)).toBe(0)
  }
})
