/**
 * The server suite's offer reading (suites/server/offer.ts) and the verdict line's count of payment
 * cases that could not run (suites/server/unpaid.ts): what `--offer` accepts, which challenge entries
 * are payable by their terms alone, and that every reason says how to run the cases anyway.
 */
import { describe, expect, it } from 'vitest'
import type { Devnet } from '../../../harness/devnet/types.ts'
import {
  chooseOffer,
  NO_PAYABLE_OFFER,
  OFFER_HINT,
  parseUserOffer,
  unpayable,
} from '../../../suites/server/offer.ts'
import { unpaidNote } from '../../../suites/server/unpaid.ts'

const usdc = '0x036CbD53842c5426634e7929541eC2318f3dCF7e'
const devnet = { preset: { chainId: 84532 }, usdc } as unknown as Devnet
const v2 = {
  scheme: 'exact',
  network: 'eip155:84532',
  amount: '1000',
  asset: usdc,
  payTo: '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
  maxTimeoutSeconds: 60,
  extra: { name: 'USDC', version: '2' },
}
const readDomain = async () => ({ name: 'USDC', version: '2' })

describe('--offer files', () => {
  it('take {x402Version, accepts} checked with the wire schemas; a missing EIP-712 domain is allowed', () => {
    const parsed = parseUserOffer(JSON.stringify({ x402Version: 2, accepts: [{ ...v2, extra: {} }] }))
    expect(parsed.ok).toBe(true)
  })

  it('refuse a file without a version, without accepts, or with a malformed entry, naming the field', () => {
    expect(parseUserOffer('{"accepts": []}')).toMatchObject({ ok: false, issues: [{ path: 'x402Version' }] })
    expect(parseUserOffer('{"x402Version": 2}')).toMatchObject({ ok: false, issues: [{ path: 'accepts' }] })
    expect(parseUserOffer('not json')).toMatchObject({ ok: false, issues: [{ code: 'json' }] })
    const bad = parseUserOffer(JSON.stringify({ x402Version: 2, accepts: [{ ...v2, amount: '1.5' }] }))
    expect(bad).toMatchObject({ ok: false, issues: [{ path: 'accepts[0].amount' }] })
  })
})

describe('payable offers, by their payment terms', () => {
  it('a v1 offer in CAIP-2 and a v2 offer with maxAmountRequired are payable in their version', () => {
    const v1 = { ...v2, maxAmountRequired: '1000', amount: undefined, resource: 'http://x/', description: '' }
    expect(unpayable(v1, 1, devnet)).toBeUndefined()
    expect(unpayable({ ...v2, maxAmountRequired: '5' }, 2, devnet)).toBeUndefined()
    expect(unpayable(v2, 1, devnet)).toMatch(/maxAmountRequired/)
    expect(unpayable({ ...v2, asset: v2.payTo }, 2, devnet)).toMatch(/asset/)
  })

  it('an offer without its EIP-712 domain is signed under the token domain', async () => {
    const choice = await chooseOffer({
      reading: { v2: { ok: false, issues: [], json: { accepts: [{ ...v2, extra: {} }] } } },
      version: 2,
      devnet,
      readDomain,
    })
    expect(choice).toMatchObject({ ok: true, offer: { source: 'challenge', domain: { name: 'USDC' } } })
  })

  it('with nothing payable, the reason starts with the marker and says how to give the terms', async () => {
    const flattened = await chooseOffer({
      reading: { v2Body: { x402Version: 2, ...v2 } },
      version: 2,
      devnet,
      readDomain,
    })
    expect(flattened.ok).toBe(false)
    const reason = flattened.ok ? '' : flattened.reason
    expect(reason.startsWith(NO_PAYABLE_OFFER)).toBe(true)
    expect(reason).toContain(OFFER_HINT)
    const user = { x402Version: 2 as const, accepts: [v2] }
    const given = await chooseOffer({ reading: {}, version: 2, devnet, user, readDomain })
    expect(given).toMatchObject({ ok: true, offer: { source: '--offer', requirements: v2 } })
  })
})

describe('the verdict line', () => {
  it('counts the payment cases that could not run, with the most frequent reason', () => {
    const reason = `${NO_PAYABLE_OFFER} (v2): the v2 challenge has no accepts array; ${OFFER_HINT}`
    const results = [
      { outcome: 'skip' as const, message: reason },
      { outcome: 'skip' as const, message: reason },
      { outcome: 'skip' as const, message: 'the server also speaks v1' },
      { outcome: 'pass' as const },
    ]
    expect(unpaidNote(results)).toBe(`; 2 payment cases could not run: ${reason}`)
    expect(unpaidNote([{ outcome: 'pass' }])).toBe('')
  })
})
