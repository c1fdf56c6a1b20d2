/** Network ids: v1 names ↔ CAIP-2 ↔ chain ids (x402-digest §1.7). */
import { EVM_NETWORK_CHAIN_ID_MAP } from '@x402/evm/v1'
import { describe, expect, it } from 'vitest'
import { presets } from '../../../harness/devnet/presets.ts'
import {
  caip2FromChainId,
  caip2FromV1Name,
  chainIdFromCaip2,
  chainIdFromV1Name,
  chainIdOfNetwork,
  EVM_CHAIN_IDS_V1,
  isEvmNetwork,
  parseCaip2,
  v1NameFromCaip2,
  v1NameFromChainId,
} from '../../../harness/wire/index.ts'

describe('network ids', () => {
  it.each([
    ['base-sepolia', 84532, 'eip155:84532'],
    ['base', 8453, 'eip155:8453'],
    ['avalanche-fuji', 43113, 'eip155:43113'],
    ['avalanche', 43114, 'eip155:43114'],
    ['ethereum', 1, 'eip155:1'],
    ['skale-base-sepolia', 324705682, 'eip155:324705682'],
    ['stable-testnet', 2201, 'eip155:2201'],
  ])('%s is chain %i and %s, both ways', (name, chainId, caip2) => {
    expect(chainIdFromV1Name(name)).toBe(chainId)
    expect(caip2FromV1Name(name)).toBe(caip2)
    expect(chainIdFromCaip2(caip2)).toBe(chainId)
    expect(v1NameFromCaip2(caip2)).toBe(name)
    expect(v1NameFromChainId(chainId)).toBe(name)
    expect(caip2FromChainId(chainId)).toBe(caip2)
    expect(caip2FromChainId(BigInt(chainId))).toBe(caip2)
    expect(chainIdOfNetwork(name)).toBe(chainId)
    expect(chainIdOfNetwork(caip2)).toBe(chainId)
  })

  it('lists the 23 EVM names of @x402/evm 2.27, each with a distinct chain id, round-tripping through CAIP-2', () => {
    const names = Object.keys(EVM_CHAIN_IDS_V1)
    expect(names).toHaveLength(23)
    expect(new Set(Object.values(EVM_CHAIN_IDS_V1)).size).toBe(23)
    for (const name of names) expect(v1NameFromCaip2(caip2FromV1Name(name)!)).toBe(name)
  })

  it('is the same table as @x402/evm EVM_NETWORK_CHAIN_ID_MAP', () => {
    expect(EVM_CHAIN_IDS_V1).toEqual(EVM_NETWORK_CHAIN_ID_MAP)
  })

  it('agrees with the devnet presets', () => {
    for (const preset of Object.values(presets)) {
      expect(caip2FromV1Name(preset.networkV1)).toBe(preset.network)
      expect(chainIdFromCaip2(preset.network)).toBe(preset.chainId)
    }
  })

  it('maps the Solana names to their CAIP-2 ids, without a chain id', () => {
    expect(caip2FromV1Name('solana')).toBe('solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp')
    expect(v1NameFromCaip2('solana:EtWTRABZaYq6iMfeYKouRu166VU2xqa1')).toBe('solana-devnet')
    expect(chainIdOfNetwork('solana')).toBeUndefined()
    expect(isEvmNetwork('solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp')).toBe(false)
  })

  it('parses CAIP-2 and rejects malformed ids', () => {
    expect(parseCaip2('eip155:84532')).toEqual({ namespace: 'eip155', reference: '84532' })
    expect(parseCaip2('ach:us')).toEqual({ namespace: 'ach', reference: 'us' })
    // CAIP-2 caps the namespace at 8 characters, so the batch-settlement spec's `cloudflare:402` is not CAIP-2.
    expect(parseCaip2('cloudflare:402')).toBeUndefined()
    for (const bad of [
      'eip155',
      'eip155:',
      ':1',
      'EIP155:1',
      'eip155:0x14a34',
      'eip155:084532',
      'eip155:0',
      'e:1',
      'eip155:1:2',
      'eip155: 1',
      `x:${'a'.repeat(33)}`,
    ]) {
      expect(parseCaip2(bad), bad).toBeUndefined()
    }
    expect(chainIdFromCaip2('eip155:99999999999999999999')).toBeUndefined()
  })

  it('does not guess: unknown names and chain ids map to undefined', () => {
    expect(chainIdFromV1Name('base-goerli')).toBeUndefined()
    expect(chainIdFromV1Name('toString')).toBeUndefined()
    expect(v1NameFromChainId(31337)).toBeUndefined()
    expect(v1NameFromCaip2('eip155:31337')).toBeUndefined()
    expect(chainIdOfNetwork('eip155:31337')).toBe(31337)
    expect(isEvmNetwork('eip155:31337')).toBe(true)
    expect(() => caip2FromChainId(0)).toThrow(RangeError)
  })
})
