/**
 * The built-in facilitator over real HTTP on 127.0.0.1: endpoints and status codes, malformed bodies
 * (400 JSON, never a crash), per-payer faults, the oracle log, and stopping.
 */
import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDevnet } from '../../harness/devnet/index.ts'
import type { Devnet } from '../../harness/devnet/types.ts'
import { Reason, type RunningFacilitator, startFacilitator } from '../../harness/facilitator/index.ts'
import { paymentRequest } from './payments.ts'

let devnet: Devnet
let facilitator: RunningFacilitator
const AMOUNT = 1234n

beforeAll(async () => {
  devnet = await startDevnet()
  facilitator = await startFacilitator({ devnet, maxBodyBytes: 16 * 1024 })
})
afterAll(async () => {
  await facilitator?.stop()
  await devnet?.stop()
})

async function post(path: string, body: string) {
  const response = await fetch(`${facilitator.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  })
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() }
}

async function payment(version: 1 | 2 = 2) {
  const payer = await devnet.fundedAccount()
  const payee = await devnet.fundedAccount({ usdc: 0n })
  const body = await paymentRequest(devnet, {
    version,
    signer: payer.account,
    payTo: payee.address,
    amount: AMOUNT,
  })
  return { payer, payee, body, json: JSON.stringify(body) }
}

describe('endpoints', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(new URL(facilitator.url).hostname).toBe('127.0.0.1')
  })

  it("GET /supported lists exact for v1 (network name) and v2 (CAIP-2) with the token's EIP-712 name and version, v2 batch-settlement with its receiver authorizer, no extensions, the signer", async () => {
    const response = await fetch(`${facilitator.url}/supported`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      kinds: [
        { x402Version: 1, scheme: 'exact', network: 'base-sepolia', extra: { name: 'USDC', version: '2' } },
        { x402Version: 2, scheme: 'exact', network: 'eip155:84532', extra: { name: 'USDC', version: '2' } },
        {
          x402Version: 2,
          scheme: 'batch-settlement',
          network: 'eip155:84532',
          extra: { receiverAuthorizer: devnet.accounts[1]!.address },
        },
        {
          x402Version: 2,
          scheme: 'upto',
          network: 'eip155:84532',
          extra: { facilitatorAddress: devnet.accounts[1]!.address },
        },
      ],
      extensions: [],
      signers: { 'eip155:*': [devnet.accounts[1]!.address] },
    })
  })

  it('POST /verify answers 200 for valid and for invalid payments', async () => {
    const { payer, body } = await payment()
    const valid = await post('/verify', JSON.stringify(body))
    expect(valid.status).toBe(200)
    expect(valid.type).toMatch(/^application\/json/)
    expect(JSON.parse(valid.text)).toEqual({ isValid: true, payer: payer.address })
    // The server asks for another payTo (and the client accepted it) than the authorization pays.
    body.paymentRequirements.payTo = devnet.accounts[6]!.address
    if ('accepted' in body.paymentPayload) body.paymentPayload.accepted.payTo = devnet.accounts[6]!.address
    const invalid = await post('/verify', JSON.stringify(body))
    expect(invalid.status).toBe(200)
    expect(JSON.parse(invalid.text)).toEqual({
      isValid: false,
      invalidReason: Reason.recipient,
      payer: payer.address,
    })
  })

  it('POST /settle settles over HTTP (v1, network by name) and refuses the replay', async () => {
    const { payer, payee, json } = await payment(1)
    const first = await post('/settle', json)
    expect(first.status).toBe(200)
    expect(JSON.parse(first.text)).toMatchObject({
      success: true,
      payer: payer.address,
      network: 'base-sepolia',
    })
    expect(await devnet.usdcBalance(payee.address)).toBe(AMOUNT)
    const second = await post('/settle', json)
    expect(JSON.parse(second.text)).toEqual({
      success: false,
      errorReason: Reason.nonceUsed,
      payer: payer.address,
      transaction: '',
      network: 'base-sepolia',
    })
    expect(await devnet.usdcBalance(payee.address)).toBe(AMOUNT)
  })
})

describe('malformed requests', () => {
  const malformed: Array<[string, string]> = [
    ['not JSON', '{"paymentPayload": '],
    ['empty', ''],
    ['a JSON array', '[]'],
    ['JSON null', 'null'],
    ['no paymentRequirements', '{"x402Version":2,"paymentPayload":{}}'],
    ['paymentPayload a string', '{"paymentPayload":"x","paymentRequirements":{}}'],
  ]
  for (const path of ['/verify', '/settle']) {
    it.each(malformed)(`${path}: %s gives 400 with a JSON error and no stack trace`, async (_name, body) => {
      const answer = await post(path, body)
      expect(answer.status).toBe(400)
      expect(answer.type).toMatch(/^application\/json/)
      const parsed = JSON.parse(answer.text) as { error: unknown }
      expect(typeof parsed.error).toBe('string')
      expect(answer.text).not.toMatch(/\bat .+:\d+:\d+/)
    })
  }

  it('deeply wrong but well-formed bodies get 200 with a reason, not a crash', async () => {
    const answer = await post('/verify', '{"paymentPayload":{"x402Version":2},"paymentRequirements":{}}')
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.text)).toEqual({ isValid: false, invalidReason: Reason.payload })
  })

  it('an oversized body gives 413 JSON', async () => {
    const answer = await post('/verify', JSON.stringify({ padding: 'x'.repeat(64 * 1024) }))
    expect(answer.status).toBe(413)
    expect(JSON.parse(answer.text)).toHaveProperty('error')
  })

  it('an unknown path gives 404, a wrong method 405, both JSON', async () => {
    const missing = await fetch(`${facilitator.url}/nope`)
    expect(missing.status).toBe(404)
    expect(await missing.json()).toHaveProperty('error')
    const wrongMethod = await fetch(`${facilitator.url}/verify`)
    expect(wrongMethod.status).toBe(405)
    expect(await wrongMethod.json()).toHaveProperty('error')
  })

  it('still answers after all of the above', async () => {
    expect((await fetch(`${facilitator.url}/health`)).status).toBe(200)
  })
})

describe('per-payer faults', () => {
  it('reject on verify answers invalid with the given reason, for that payer only, `times` limited', async () => {
    const faulty = await payment()
    const honest = await payment()
    facilitator.faults.add(
      faulty.payer.address,
      'verify',
      { kind: 'reject', reason: Reason.funds },
      { times: 1 },
    )
    expect(JSON.parse((await post('/verify', faulty.json)).text)).toEqual({
      isValid: false,
      invalidReason: Reason.funds,
      payer: faulty.payer.address,
    })
    expect(JSON.parse((await post('/verify', honest.json)).text)).toMatchObject({ isValid: true })
    expect(JSON.parse((await post('/verify', faulty.json)).text)).toMatchObject({ isValid: true })
  })

  it('reject on settle fails settlement and moves nothing', async () => {
    const { payer, payee, json } = await payment()
    facilitator.faults.add(payer.address.toLowerCase(), 'settle', {
      kind: 'reject',
      reason: 'unexpected_settle_error',
    })
    expect(JSON.parse((await post('/verify', json)).text)).toMatchObject({ isValid: true })
    const answer = JSON.parse((await post('/settle', json)).text)
    expect(answer).toMatchObject({ success: false, errorReason: 'unexpected_settle_error', transaction: '' })
    expect(await devnet.usdcBalance(payee.address)).toBe(0n)
    facilitator.faults.clear(payer.address)
    expect(JSON.parse((await post('/settle', json)).text)).toMatchObject({ success: true })
    expect(await devnet.usdcBalance(payee.address)).toBe(AMOUNT)
  })

  it('no-transaction claims success with an empty transaction and moves nothing', async () => {
    const { payer, payee, json } = await payment()
    facilitator.faults.add(payer.address, 'settle', { kind: 'no-transaction' })
    expect(JSON.parse((await post('/settle', json)).text)).toMatchObject({ success: true, transaction: '' })
    expect(await devnet.usdcBalance(payee.address)).toBe(0n)
  })

  it('delay holds the answer back by at least the given time', async () => {
    const { payer, json } = await payment()
    facilitator.faults.add(payer.address, 'both', { kind: 'delay', ms: 300 }, { times: 1 })
    const mark = facilitator.log.mark()
    expect(JSON.parse((await post('/verify', json)).text)).toMatchObject({ isValid: true })
    const [call] = facilitator.log.calls({ payer: payer.address, since: mark })
    expect(call?.durationMs).toBeGreaterThanOrEqual(300)
    expect(call?.faults).toEqual(['delay 300ms'])
  })

  it('garbage answers 200 with a non-JSON body, or JSON of the wrong shape', async () => {
    const { payer, json } = await payment()
    facilitator.faults.add(payer.address, 'verify', { kind: 'garbage' }, { times: 1 })
    facilitator.faults.add(payer.address, 'verify', { kind: 'garbage', body: 'wrong-shape' }, { times: 1 })
    const first = await post('/verify', json)
    expect(first.status).toBe(200)
    expect(() => JSON.parse(first.text)).toThrow()
    const second = await post('/verify', json)
    expect(typeof JSON.parse(second.text).isValid).toBe('string')
  })

  it('http-500 answers 500', async () => {
    const { payer, json } = await payment()
    facilitator.faults.add(payer.address, 'settle', { kind: 'http-500' }, { times: 1 })
    const answer = await post('/settle', json)
    expect(answer.status).toBe(500)
    expect(JSON.parse(answer.text)).toHaveProperty('error')
  })

  it('drop closes the connection without an answer, and is logged with no status', async () => {
    const { payer, json } = await payment()
    facilitator.faults.add(payer.address, 'verify', { kind: 'drop' }, { times: 1 })
    await expect(rawPost('/verify', json)).rejects.toThrow()
    const [call] = facilitator.log.calls({ payer: payer.address, endpoint: 'verify' })
    expect(call).toMatchObject({ httpStatus: null, response: undefined, faults: ['drop'] })
  })

  it('faults apply to in-process calls too (they throw when there is no JSON answer)', async () => {
    const { payer, body } = await payment()
    facilitator.faults.add(payer.address, 'verify', { kind: 'http-500' }, { times: 1 })
    await expect(facilitator.verify(body)).rejects.toThrow(/HTTP 500/)
    expect(await facilitator.verify(body)).toEqual({ isValid: true, payer: payer.address })
    facilitator.faults.add(payer.address, 'settle', { kind: 'garbage', body: 'wrong-shape' }, { times: 1 })
    await expect(facilitator.settle(body)).rejects.toThrow(/HTTP 200/)
  })
})

describe('oracle log', () => {
  it('records every call with endpoint, payer, request, response, status and duration; queryable', async () => {
    const { payer, body, json } = await payment()
    const mark = facilitator.log.mark()
    await post('/verify', json)
    await post('/settle', json)
    await fetch(`${facilitator.url}/supported`)
    await post('/verify', 'nonsense')
    const calls = facilitator.log.calls({ since: mark })
    expect(calls.map((call) => [call.endpoint, call.httpStatus])).toEqual([
      ['verify', 200],
      ['settle', 200],
      ['supported', 200],
      ['verify', 400],
    ])
    const mine = facilitator.log.calls({ payer: payer.address.toLowerCase(), since: mark })
    expect(mine.map((call) => call.endpoint)).toEqual(['verify', 'settle'])
    expect(mine[0]).toMatchObject({ transport: 'http', method: 'POST', path: '/verify', request: body })
    expect(mine[1]?.response).toMatchObject({ success: true, payer: payer.address })
    expect(mine.every((call) => call.durationMs >= 0 && call.time > 0)).toBe(true)
    expect(facilitator.log.calls({ endpoint: 'settle', payer: payer.address })).toHaveLength(1)
    expect(calls[3]?.request).toBe('nonsense')
  })

  it('keeps its own copy of an in-process request', async () => {
    const { payer, body } = await payment()
    const payTo = body.paymentRequirements.payTo
    await facilitator.verify(body)
    body.paymentRequirements.payTo = devnet.accounts[7]!.address
    const [call] = facilitator.log.calls({
      payer: payer.address,
      endpoint: 'verify',
      transport: 'in-process',
    })
    const logged = call?.request as typeof body | undefined
    expect(logged?.paymentRequirements.payTo).toBe(payTo)
  })

  it('waitFor resolves with a call that arrives later', async () => {
    const { payer, json } = await payment()
    const waiting = facilitator.log.waitFor({ payer: payer.address, endpoint: 'settle' }, 5000)
    await post('/settle', json)
    expect((await waiting).response).toMatchObject({ success: true })
  })
})

describe('stop', () => {
  it('stops listening, and stopping twice is fine', async () => {
    const other = await startFacilitator({ devnet })
    expect((await fetch(`${other.url}/health`)).status).toBe(200)
    await other.stop()
    await other.stop()
    await expect(fetch(`${other.url}/health`)).rejects.toThrow()
  })

  it('stops while a delayed call is in flight, without crashing when the answer comes due', async () => {
    const other = await startFacilitator({ devnet })
    const { payer, json } = await payment()
    other.faults.add(payer.address, 'verify', { kind: 'delay', ms: 200 })
    const pending = fetch(`${other.url}/verify`, { method: 'POST', body: json })
    await new Promise((resolve) => setTimeout(resolve, 50))
    await other.stop()
    await expect(pending).rejects.toThrow()
    await new Promise((resolve) => setTimeout(resolve, 300))
    const [call] = other.log.calls({ payer: payer.address })
    expect(call?.response).toMatchObject({ isValid: true }) // answered into a closed socket, still logged
  })
})

/** A POST over a fresh connection (fetch would retry a dropped keep-alive request). */
function rawPost(path: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${facilitator.url}${path}`, { method: 'POST', agent: false }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.end(body)
  })
}
