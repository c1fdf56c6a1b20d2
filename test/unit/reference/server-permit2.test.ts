/**
 * The reference server's opt-in Permit2 offers (harness/reference/server/permit2.ts): what
 * `--permit2` / X402_SERVER_PERMIT2 accept, the offers beside the EIP-3009 one, and upto's settle-time
 * requirements (the metered charge in `amount`, everything else the offer's).
 */
import { describe, expect, it } from 'vitest'
import { PLAIN_TOKEN_ADDRESS } from '../../../harness/devnet/permit2-addresses.ts'
import {
  type Permit2Terms,
  parsePermit2Kinds,
  permit2Offers,
  settlementRequirements,
} from '../../../harness/reference/server/permit2.ts'

const base = {
  network: 'eip155:84532',
  amount: '1000',
  payTo: '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
  maxTimeoutSeconds: 60,
}
const facilitatorAddress = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const
const terms: Permit2Terms = {
  asset: PLAIN_TOKEN_ADDRESS,
  exact: true,
  upto: { facilitatorAddress, maximum: '20000', charge: '1858' },
}

describe('reference server Permit2 offers', () => {
  it('reads the kinds of --permit2 and refuses others', () => {
    expect(parsePermit2Kinds('exact,upto')).toEqual(['exact', 'upto'])
    expect(parsePermit2Kinds(' upto , upto ')).toEqual(['upto'])
    expect(parsePermit2Kinds('')).toEqual([])
    expect(() => parsePermit2Kinds('exact,batch')).toThrow(/not batch/)
  })

  it('offers exact with Permit2 at the price and upto at its maximum, in the plain token', () => {
    expect(permit2Offers(base, terms)).toEqual([
      { scheme: 'exact', ...base, asset: PLAIN_TOKEN_ADDRESS, extra: { assetTransferMethod: 'permit2' } },
      {
        scheme: 'upto',
        ...base,
        amount: '20000',
        asset: PLAIN_TOKEN_ADDRESS,
        extra: { assetTransferMethod: 'permit2', facilitatorAddress },
      },
    ])
    expect(permit2Offers(base, { asset: PLAIN_TOKEN_ADDRESS, exact: false })).toEqual([])
  })

  it('settles upto for the charge and every other offer as offered (the same object)', () => {
    const [exact, upto] = permit2Offers(base, terms)
    expect(settlementRequirements(exact!, terms)).toBe(exact)
    expect(settlementRequirements(upto!, terms)).toEqual({ ...upto, amount: '1858' })
    expect(settlementRequirements(upto!, undefined)).toBe(upto)
  })
})
