/** The server's per-channel ledger: records by channel id in any hex case, and one request at a time per channel. */
import { describe, expect, it } from 'vitest'
import {
  ChannelLedger,
  type ChannelRecord,
  channelStateOf,
} from '../../../../harness/schemes/batch-settlement-evm/ledger.ts'
import { sdk } from './sdk.ts'

const { config, channelId } = sdk.channels[0]!
const record: ChannelRecord = {
  config,
  chargedCumulativeAmount: 3000n,
  signedMaxClaimable: 3000n,
  signature: sdk.vouchers[0]!.signature,
  snapshot: { channelId, balance: '5000', totalClaimed: '1000', withdrawRequestedAt: 0, refundNonce: '0' },
}

describe('ChannelLedger', () => {
  it('keeps, finds (any case), lists and forgets records', () => {
    const ledger = new ChannelLedger()
    ledger.put(channelId, record)
    expect(ledger.get(channelId.toUpperCase().replace('0X', '0x') as `0x${string}`)).toBe(record)
    expect(ledger.all()).toEqual([[channelId.toLowerCase(), record]])
    ledger.delete(channelId)
    expect(ledger.get(channelId)).toBeUndefined()
  })

  it('the channel state is the snapshot plus what was charged', () => {
    expect(channelStateOf(record)).toEqual({ ...record.snapshot, chargedCumulativeAmount: '3000' })
  })

  it('serialises the work of one channel and runs other channels alongside', async () => {
    const ledger = new ChannelLedger()
    const order: string[] = []
    let release!: () => void
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const first = ledger.lock(channelId, async () => {
      order.push('first start')
      await held
      order.push('first end')
    })
    const second = ledger.lock(channelId.toUpperCase().replace('0X', '0x') as `0x${string}`, async () => {
      order.push('second')
    })
    const other = ledger.lock(sdk.channels[1]!.channelId, async () => {
      order.push('other')
    })
    await other
    expect(order).toEqual(['first start', 'other'])
    release()
    await Promise.all([first, second])
    expect(order).toEqual(['first start', 'other', 'first end', 'second'])
  })
})
