/** EIP-3009 typed data: the recorded SDK signatures recover to their payer; types and digests are the standard ones. */
import { authorizationTypes as sdkAuthorizationTypes } from '@x402/evm'
import {
  type Address,
  concat,
  encodeAbiParameters,
  type Hex,
  keccak256,
  recoverTypedDataAddress,
  toHex,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import {
  type Authorization,
  authorizationFromWire,
  authorizationToWire,
  authorizationTypedData,
  cancelAuthorizationTypes,
  eip3009Domain,
  hashAuthorization,
  randomNonce,
  recoverAuthorizationSigner,
  signAuthorization,
  signCancelAuthorization,
  transferWithAuthorizationTypes,
  verifyAuthorizationSignature,
} from '../../../../harness/schemes/exact-evm/eip3009.ts'
import { WireError } from '../../../../harness/wire/index.ts'
import {
  VECTOR_CHAIN_ID,
  VECTOR_PAYER_KEY,
  VECTOR_USDC,
  v1ExactPayload,
  v2,
  v2ExactPayload,
} from '../../wire/vectors.ts'

const domain = eip3009Domain({
  name: 'USDC',
  version: '2',
  chainId: VECTOR_CHAIN_ID,
  verifyingContract: VECTOR_USDC,
})
const payer = privateKeyToAccount(VECTOR_PAYER_KEY)

describe('the recorded SDK payments', () => {
  it.each([
    ['v1 (x402-fetch 1.2)', v1ExactPayload],
    ['v2 (@x402/fetch 2.27)', v2ExactPayload],
  ])(
    '%s signature recovers to authorization.from under chain 84532 and the Base Sepolia USDC',
    async (_name, payload) => {
      const { signature, authorization } = payload()
      const typedData = authorizationTypedData(domain, authorizationFromWire(authorization))
      expect(await recoverAuthorizationSigner(typedData, signature as Hex)).toBe(authorization.from)
      expect(await verifyAuthorizationSignature(typedData, signature as Hex)).toEqual({
        valid: true,
        signer: authorization.from,
      })
      expect(payer.address).toBe(authorization.from)
    },
  )

  it.each([
    ['another chain id (Base mainnet)', { chainId: 8453 }],
    ['another token address', { verifyingContract: '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913' as Address }],
    ['another domain name', { name: 'USD Coin' }],
    ['another domain version', { version: '1' }],
  ])('the same signature does not verify under %s', async (_name, change) => {
    const { signature, authorization } = v2ExactPayload()
    const typedData = authorizationTypedData({ ...domain, ...change }, authorizationFromWire(authorization))
    const check = await verifyAuthorizationSignature(typedData, signature as Hex)
    expect(check.valid).toBe(false)
    expect(!check.valid && check.signer).toMatch(/^0x[0-9a-fA-F]{40}$/)
    expect(!check.valid && check.signer).not.toBe(authorization.from)
  })

  it('a changed field of the authorization breaks the signature', async () => {
    const { signature, authorization } = v1ExactPayload()
    const changed = { ...authorizationFromWire(authorization), value: 1001n }
    expect(
      (await verifyAuthorizationSignature(authorizationTypedData(domain, changed), signature as Hex)).valid,
    ).toBe(false)
  })

  it('the same message signed as ReceiveWithAuthorization does not verify as a transfer', async () => {
    const authorization = authorizationFromWire(v2ExactPayload().authorization)
    const receive = authorizationTypedData(domain, authorization, 'ReceiveWithAuthorization')
    const signature = await signAuthorization(payer, receive)
    expect(await recoverAuthorizationSigner(receive, signature)).toBe(payer.address)
    expect(
      (await verifyAuthorizationSignature(authorizationTypedData(domain, authorization), signature)).valid,
    ).toBe(false)
  })
})

describe('typed data', () => {
  it('the types are the ones @x402/evm signs', () => {
    expect(transferWithAuthorizationTypes.TransferWithAuthorization).toEqual(
      sdkAuthorizationTypes.TransferWithAuthorization,
    )
  })

  it('the digest is the EIP-712 hash computed by hand from the EIP-3009 type strings', () => {
    const transferTypeHash = keccak256(
      toHex(
        'TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)',
      ),
    )
    // The constant USDC's FiatTokenV2 hard-codes as TRANSFER_WITH_AUTHORIZATION_TYPEHASH.
    expect(transferTypeHash).toBe('0x7c7c6cdb67a18743f49ec6fa9b35f50d52ed05cbed4cc592e13b44501c1a2267')
    const domainTypeHash = keccak256(
      toHex('EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)'),
    )
    const domainSeparator = keccak256(
      encodeAbiParameters(
        [
          { type: 'bytes32' },
          { type: 'bytes32' },
          { type: 'bytes32' },
          { type: 'uint256' },
          { type: 'address' },
        ],
        [domainTypeHash, keccak256(toHex('USDC')), keccak256(toHex('2')), 84532n, VECTOR_USDC],
      ),
    )
    const a = authorizationFromWire(v2ExactPayload().authorization)
    const structHash = keccak256(
      encodeAbiParameters(
        [
          { type: 'bytes32' },
          { type: 'address' },
          { type: 'address' },
          { type: 'uint256' },
          { type: 'uint256' },
          { type: 'uint256' },
          { type: 'bytes32' },
        ],
        [transferTypeHash, a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce],
      ),
    )
    const digest = keccak256(concat(['0x1901', domainSeparator, structHash]))
    expect(hashAuthorization(authorizationTypedData(domain, a))).toBe(digest)
  })

  it('signs and recovers a CancelAuthorization', async () => {
    const cancel = { authorizer: payer.address, nonce: randomNonce() }
    const signature = await signCancelAuthorization(payer, domain, cancel)
    const recovered = await recoverTypedDataAddress({
      domain,
      types: cancelAuthorizationTypes,
      primaryType: 'CancelAuthorization',
      message: cancel,
      signature,
    })
    expect(recovered).toBe(payer.address)
  })

  it('eip3009Domain takes a bigint chain id', () => {
    expect(eip3009Domain({ ...domain, chainId: 84532n }).chainId).toBe(84532)
  })
})

describe('verification outcomes', () => {
  const authorization: Authorization = {
    from: payer.address,
    to: '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
    value: 1000n,
    validAfter: 0n,
    validBefore: 2n ** 40n,
    nonce: randomNonce(),
  }

  it('a signature by someone else recovers to them and is invalid', async () => {
    const other = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d')
    const typedData = authorizationTypedData(domain, authorization)
    const check = await verifyAuthorizationSignature(typedData, await signAuthorization(other, typedData))
    expect(check).toEqual({
      valid: false,
      signer: other.address,
      reason: expect.stringMatching(/not by from/),
    })
  })

  it.each([
    ['empty', '0x'],
    ['truncated', (v2.paymentSignature.payload as { signature: Hex }).signature.slice(0, 100) as Hex],
    ['bad v byte', `${(v2.paymentSignature.payload as { signature: Hex }).signature.slice(0, 130)}05` as Hex],
  ])('a malformed signature (%s) is invalid with a reason, not a throw', async (_name, signature) => {
    const check = await verifyAuthorizationSignature(
      authorizationTypedData(domain, authorization),
      signature as Hex,
    )
    expect(check.valid).toBe(false)
    expect(!check.valid && check.reason).toMatch(/./)
  })

  it('addresses compare without regard to case', async () => {
    const lower = { ...authorization, from: authorization.from.toLowerCase() as Address }
    const typedData = authorizationTypedData(domain, lower)
    expect(
      (await verifyAuthorizationSignature(typedData, await signAuthorization(payer, typedData))).valid,
    ).toBe(true)
  })
})

describe('wire conversions', () => {
  it('wire → bigint → wire is the identity for the vectors', () => {
    for (const payload of [v1ExactPayload(), v2ExactPayload()]) {
      expect(authorizationToWire(authorizationFromWire(payload.authorization))).toEqual(payload.authorization)
    }
    const a = authorizationFromWire(v1ExactPayload().authorization)
    expect(a.validAfter).toBe(1795245277n)
    expect(a.validBefore).toBe(1795245937n)
    expect(a.value).toBe(1000n)
  })

  it('uint256 extremes convert exactly', () => {
    const max = (1n << 256n) - 1n
    const wire = authorizationToWire({
      from: payer.address,
      to: payer.address,
      value: max,
      validAfter: 0n,
      validBefore: max,
      nonce: randomNonce(),
    })
    expect(wire.value).toBe(max.toString())
    expect(authorizationFromWire(wire).validBefore).toBe(max)
  })

  it('bad wire fields throw a WireError naming each field', () => {
    const wire = {
      ...v2ExactPayload().authorization,
      value: '1.5',
      validBefore: (1n << 256n).toString(),
      nonce: '0x1234',
      to: 'merchant',
    }
    try {
      authorizationFromWire(wire)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(WireError)
      expect((error as WireError).issues.map((i) => i.path)).toEqual([
        'authorization.to',
        'authorization.value',
        'authorization.validBefore',
        'authorization.nonce',
      ])
    }
  })

  it('randomNonce gives distinct 32-byte hex values', () => {
    const nonces = new Set(Array.from({ length: 100 }, randomNonce))
    expect(nonces.size).toBe(100)
    for (const nonce of nonces) expect(nonce).toMatch(/^0x[0-9a-f]{64}$/)
  })
})
