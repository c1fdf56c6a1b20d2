/**
 * The devnet as a user runs it, timed from the outside: a spawned process, wall clock from spawn until
 * the env lines are printed, beside a bare anvil spawned the same way until it listens, in one run.
 * Measured direct (`node bin/x402-conformance.js devnet`) and through npx (`npx x402-conformance
 * devnet`, as the README says), with a bare `npx anvil` beside the latter so npm's own start-up is on
 * both sides. Medians; nothing here asserts a time.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { anvilBinary } from '../harness/devnet/binary.ts'
import { freePort } from '../harness/devnet/ports.ts'
import { median } from './devnet.ts'

const root = fileURLToPath(new URL('..', import.meta.url))

/** Spawns the command in its own process group, waits for `ready` on its output, ends the group. */
function timeUntil(command: string, args: readonly string[], ready: RegExp): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    let seen = ''
    const timer = setTimeout(
      () => finish(new Error(`${command} ${args.join(' ')}: not ready in 60 s`)),
      60_000,
    )
    const finish = (error?: Error) => {
      clearTimeout(timer)
      const ms = performance.now() - started
      try {
        process.kill(-child.pid!, 'SIGTERM')
      } catch {
        // already gone
      }
      child.once('exit', () => (error ? reject(error) : resolve(ms)))
    }
    const read = (chunk: Buffer) => {
      seen += chunk.toString()
      if (ready.test(seen)) {
        child.stdout?.off('data', read)
        child.stderr?.off('data', read)
        finish()
      }
    }
    child.stdout?.on('data', read)
    child.stderr?.on('data', read)
  })
}

export interface DevnetAsRun {
  bareAnvilMs: number
  directMs: number
  bareNpxAnvilMs: number
  npxMs: number
  runs: number
}

export async function benchDevnetAsRun(runs = 5): Promise<DevnetAsRun> {
  const samples = {
    bare: [] as number[],
    direct: [] as number[],
    npxAnvil: [] as number[],
    npx: [] as number[],
  }
  const env = /X402_FACILITATOR_PRIVATE_KEY/
  // One unmeasured run builds the pre-built chain state, as a user's first devnet does.
  await timeUntil(process.execPath, ['bin/x402-conformance.js', 'devnet'], env)
  for (let i = 0; i < runs; i++) {
    const port = String(await freePort())
    samples.bare.push(await timeUntil(anvilBinary(), ['--port', port, '--chain-id', '84532'], /Listening on/))
    samples.direct.push(await timeUntil(process.execPath, ['bin/x402-conformance.js', 'devnet'], env))
    const npxPort = String(await freePort())
    samples.npxAnvil.push(
      await timeUntil(
        'npx',
        ['--no-install', 'anvil', '--port', npxPort, '--chain-id', '84532'],
        /Listening on/,
      ),
    )
    samples.npx.push(await timeUntil('npx', ['--no-install', 'x402-conformance', 'devnet'], env))
  }
  return {
    bareAnvilMs: median(samples.bare),
    directMs: median(samples.direct),
    bareNpxAnvilMs: median(samples.npxAnvil),
    npxMs: median(samples.npx),
    runs,
  }
}

if (import.meta.main) {
  const r = await benchDevnetAsRun(Number(process.argv[2] ?? 5))
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`
  console.log(`devnet as a user runs it, spawned, until the env lines (median of ${r.runs})`)
  console.log(`  bare anvil (spawned):                  ${r.bareAnvilMs.toFixed(0)} ms`)
  console.log(
    `  node bin/x402-conformance.js devnet:   ${r.directMs.toFixed(0)} ms (${ratio(r.directMs, r.bareAnvilMs)} bare anvil; target <= 1.5x)`,
  )
  console.log(`  npx anvil:                             ${r.bareNpxAnvilMs.toFixed(0)} ms`)
  console.log(
    `  npx x402-conformance devnet:           ${r.npxMs.toFixed(0)} ms (${ratio(r.npxMs, r.bareNpxAnvilMs)} npx anvil, ${ratio(r.npxMs, r.bareAnvilMs)} bare anvil)`,
  )
}
