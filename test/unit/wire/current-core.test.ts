/**
 * The v2 message fields the foundation core added since the April pin: ResourceInfo service metadata
 * (RS-5), the reserved `extra` keys (RS-6) and VerifyResponse `extensions`/`extra` (FA-3).
 */
import { describe, expect, it } from 'vitest'
import { checkPaymentRequiredV2, checkVerifyResponse } from '../../../harness/wire/index.ts'
import { copy, v2 } from './vectors.ts'

type Json = Record<string, unknown>

const challenge = (resource: Json = {}, extra: Json = { name: 'USDC', version: '2' }): Json => {
  const base = copy(v2.paymentRequired) as unknown as Json
  const accepts = (base.accepts as Json[]).map((entry) => ({ ...entry, extra: { ...extra } }))
  return { ...base, resource: { ...(base.resource as Json), ...resource }, accepts }
}

const paths = (value: unknown): string[] => {
  const result = checkPaymentRequiredV2(value)
  return result.ok ? [] : result.issues.map((issue) => String(issue.path))
}

describe('ResourceInfo service metadata (RS-5)', () => {
  it('accepts fields within the bounds', () => {
    expect(
      paths(
        challenge({
          serviceName: 'Example Market Data',
          tags: ['market-data', 'finance', 'a', 'b', 'c'],
          iconUrl: `https://api.example.com/${'i'.repeat(2000)}.png`,
        }),
      ),
    ).toEqual([])
  })

  it.each([
    ['serviceName', { serviceName: 'x'.repeat(33) }, 'resource.serviceName'],
    ['serviceName', { serviceName: 'caf\u00e9' }, 'resource.serviceName'],
    ['tags', { tags: ['a', 'b', 'c', 'd', 'e', 'f'] }, 'resource.tags'],
    ['tags', { tags: ['ok', 't'.repeat(33)] }, 'resource.tags[1]'],
    ['iconUrl', { iconUrl: 'ftp://example.com/icon.png' }, 'resource.iconUrl'],
    ['iconUrl', { iconUrl: '/icon.png' }, 'resource.iconUrl'],
    ['iconUrl', { iconUrl: `https://example.com/${'i'.repeat(2048)}` }, 'resource.iconUrl'],
  ])('reports %s out of bounds', (_, resource, path) => {
    expect(paths(challenge(resource))).toEqual([path])
  })
})

describe('reserved extra keys (RS-6)', () => {
  it('accepts assetTransferMethod and paymentFlow as strings, on any scheme', () => {
    const extra = { name: 'USDC', version: '2', assetTransferMethod: 'eip3009', paymentFlow: 'upfront' }
    expect(paths(challenge({}, extra))).toEqual([])
  })

  it('reports a reserved key that is not a string', () => {
    expect(paths(challenge({}, { name: 'USDC', version: '2', paymentFlow: 1 }))).toEqual([
      'accepts[0].extra.paymentFlow',
    ])
  })
})

describe('VerifyResponse extensions and extra (FA-3)', () => {
  it('tolerates them as objects and reports them as anything else', () => {
    expect(checkVerifyResponse({ isValid: true, extensions: { bazaar: {} }, extra: { step: 1 } }).ok).toBe(
      true,
    )
    expect(checkVerifyResponse({ isValid: true, extra: 'x' }).ok).toBe(false)
  })
})
