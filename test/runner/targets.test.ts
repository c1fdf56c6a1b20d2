/**
 * Target adapters with real processes and real HTTP on 127.0.0.1: start commands (ready, exiting at
 * once, crashing later), client commands (a good line, garbage, a hang), drivers and URLs.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { TargetEnvironment } from '../../harness/devnet/environment.ts'
import { freePort } from '../../harness/devnet/ports.ts'
import { registeredProcesses } from '../../harness/processes/registry.ts'
import { commandClient } from '../../harness/targets/client-command.ts'
import { parseClientOutput } from '../../harness/targets/client-report.ts'
import { attachDriver } from '../../harness/targets/driver.ts'
import { groupAlive, startCommand } from '../../harness/targets/process.ts'
import { startTarget } from '../../harness/targets/start.ts'
import { attachUrl } from '../../harness/targets/url.ts'
import { toyClientCommand, toyServerCommand } from './cli.ts'
import { startToyServer, type ToyServer } from './fixtures/toy-server.ts'

/** A made-up environment: these tests start no devnet, they only check what reaches the process. */
const environment = (port?: number): TargetEnvironment => ({
  X402_RPC_URL: 'http://127.0.0.1:1',
  X402_CHAIN_ID: '84532',
  X402_NETWORK: 'eip155:84532',
  X402_NETWORK_V1: 'base-sepolia',
  X402_ASSET: '0x036CbD53842c5426634e7929541eC2318f3dCF7e',
  X402_FACILITATOR_URL: 'http://127.0.0.1:2',
  X402_PAY_TO: '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
  X402_PRIVATE_KEY: '0x01',
  X402_FACILITATOR_PRIVATE_KEY: '0x02',
  ...(port === undefined ? {} : { PORT: String(port) }),
})

/** The error a promise rejects with (the test fails when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a rejection')
}

const registered = (name: string) => registeredProcesses().filter((entry) => entry.name.includes(name))

/** The toy server started as a target on a free port. */
async function startToyTarget() {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}/`
  const target = await startTarget(toyServerCommand, {
    url,
    environment: environment(port),
    readyTimeoutMs: 10_000,
  })
  return { port, url, target }
}

describe('start commands', () => {
  test('a started target answers, gets the environment, and is stopped with its whole process group', async () => {
    const { port, url, target } = await startToyTarget()
    const env = (await (await fetch(`${url}env`)).json()) as Record<string, string>
    expect(env).toMatchObject({
      PORT: String(port),
      X402_FACILITATOR_URL: 'http://127.0.0.1:2',
      X402_CHAIN_ID: '84532',
    })
    const { pid } = (await (await fetch(`${url}pid`)).json()) as { pid: number }
    expect(registered(url)).toHaveLength(1)
    expect(target.problem()).toBeUndefined()
    await target.stop()
    expect(registered(url)).toHaveLength(0)
    expect(groupAlive(pid)).toBe(false)
    await expect(fetch(url)).rejects.toThrow()
  })

  test('a command that exits at once is a clear error with its last output, and nothing stays registered', async () => {
    const port = await freePort()
    const url = `http://127.0.0.1:${port}/`
    const started = performance.now()
    const error = await rejection(
      startTarget('echo "listen EADDRINUSE: port taken" >&2; exit 4', {
        url,
        environment: environment(port),
        readyTimeoutMs: 10_000,
      }),
    )
    expect(performance.now() - started).toBeLessThan(3000)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).name).toBe('TargetUnavailable')
    expect((error as Error).message).toBe(
      `target command 'echo "listen EADDRINUSE: port taken" >&2; exit 4' exited with code 4 before answering at ${url}; last output: listen EADDRINUSE: port taken`,
    )
    expect(registered(url)).toHaveLength(0)
  })

  test('a command that never answers is stopped after the ready timeout, with a hint about PORT', async () => {
    const port = await freePort()
    const url = `http://127.0.0.1:${port}/`
    const error = await rejection(
      startTarget('echo starting; sleep 30', {
        url,
        environment: environment(port),
        readyTimeoutMs: 600,
      }),
    )
    expect(error.message).toMatch(
      /did not answer at .* within 0\.6 s \(connection refused\) \(does it listen on \$PORT, here \d+\?\); last output: starting$/,
    )
    expect(registered(url)).toHaveLength(0)
  })

  test('a target that crashes later reports the problem with its last output', async () => {
    const { url, target } = await startToyTarget()
    await fetch(`${url}crash`).catch(() => {})
    const deadline = Date.now() + 3000
    while (target.problem() === undefined && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20))
    expect(target.problem()).toMatch(
      /^the target process exited with code 3; last output: .*toy server: crashing on purpose$/,
    )
    await target.stop()
    expect(registered(url)).toHaveLength(0)
  })
})

describe('client commands', () => {
  let resource: ToyServer
  beforeAll(async () => {
    resource = await startToyServer()
  })
  afterAll(() => resource.stop())

  test('the command runs per payment with {url} quoted in, and its JSON line is read', async () => {
    const client = commandClient(toyClientCommand('payer'), environment())
    const report = await client.pay!(`${resource.url}ok?a=1&b='x'`, {
      signal: new AbortController().signal,
      environment: { X402_PRIVATE_KEY: '0xfresh' },
    })
    expect(report).toEqual({ success: true, status: 200, body: { body: { ok: true }, payer: '0xfresh' } })
    await client.stop()
  })

  test('garbage instead of a JSON line is a CheckFailure saying what was seen', async () => {
    const client = commandClient(toyClientCommand('garbage'), environment())
    const error = await rejection(client.pay!(resource.url, { signal: new AbortController().signal }))
    expect(error.name).toBe('CheckFailure')
    expect(error.message).toBe('the client command (exited with code 0) printed no JSON line')
    expect((error as Error & { seen: string }).seen).toBe('hello, I am not JSON')
  })

  test('an aborted payment kills the client process group', async () => {
    const client = commandClient(toyClientCommand('hang'), environment())
    const controller = new AbortController()
    const paying = client.pay!(resource.url, { signal: controller.signal }).catch((e: unknown) => e)
    await new Promise((resolve) => setTimeout(resolve, 400))
    const running = registered('client:')
    expect(running).toHaveLength(1)
    controller.abort(new Error('case timed out'))
    expect(await paying).toEqual(new Error('case timed out'))
    expect(registered('client:')).toHaveLength(0)
    expect(groupAlive(-running[0]!.pid)).toBe(false)
  })

  test('a report that breaks the contract names the problem', () => {
    expect(() => parseClientOutput('{"success":"yes","status":200}', 'the client')).toThrow(
      'the client did not report its outcome as the client contract says',
    )
    expect(parseClientOutput('{"not":"this"}\n{"success":false,"status":402}\n', 'c')).toEqual({
      success: false,
      status: 402,
    })
  })

  test('a process that exits is unregistered and its group gone', async () => {
    const child = startCommand('exit 0', { env: {}, name: 'short-lived' })
    await child.exited
    await child.stop()
    expect(registered('short-lived')).toHaveLength(0)
    expect(child.exit()).toBe('exited with code 0')
  })
})

describe('drivers and URLs', () => {
  let driver: Server
  let driverUrl: string
  let answer: (url: string) => string
  beforeAll(async () => {
    driver = createServer((request, response) => {
      let body = ''
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString()
      })
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/json' })
        response.end(request.method === 'POST' ? answer((JSON.parse(body) as { url: string }).url) : '{}')
      })
    })
    await new Promise<void>((resolve) => driver.listen(0, '127.0.0.1', resolve))
    driverUrl = `http://127.0.0.1:${(driver.address() as AddressInfo).port}/pay`
  })
  afterAll(() => new Promise<void>((resolve) => driver.close(() => resolve())))

  test('a driver is asked by POST {"url"} and its answer checked', async () => {
    answer = (url) =>
      JSON.stringify({ success: true, status: 200, body: url, paymentResponse: { success: true } })
    const target = await attachDriver(driverUrl)
    const report = await target.pay!('http://127.0.0.1:9/paid', { signal: new AbortController().signal })
    expect(report).toEqual({
      success: true,
      status: 200,
      body: 'http://127.0.0.1:9/paid',
      paymentResponse: { success: true },
    })
    answer = () => 'not json'
    const error = await rejection(target.pay!('http://x/', { signal: new AbortController().signal }))
    expect(error.name).toBe('CheckFailure')
    expect((error as Error & { seen: string }).seen).toBe('HTTP 200: not json')
  })

  test('unreachable drivers and URLs are one clear line', async () => {
    const port = await freePort()
    await expect(attachDriver(`http://127.0.0.1:${port}/`)).rejects.toThrow(
      `client driver http://127.0.0.1:${port}/ is unreachable: connection refused`,
    )
    await expect(attachUrl(`http://127.0.0.1:${port}/x`)).rejects.toThrow(
      `target http://127.0.0.1:${port}/x is unreachable: connection refused`,
    )
  })
})
