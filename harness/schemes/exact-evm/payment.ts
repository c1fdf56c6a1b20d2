/**
 * Builds signed `exact` EVM payments (EIP-3009) for v1 and v2 the way the reference client does
 * (@x402/evm 2.27, x402-digest §2.3), with an override for every authorization field, the signing
 * domain, the signer and the signature, so suites can build hostile payments from the same code path.
 */
import { type Address, getAddress, type Hex, type LocalAccount } from 'viem'
import type { TypedDataEvidence } from '../../model/result.ts'
import { WireError } from '../../wire/errors.ts'
import { chainIdOfNetwork } from '../../wire/networks.ts'
import type {
  ExactEvmAuthorization,
  ExactEvmPayload,
  PaymentPayload,
  PaymentPayloadV1,
  PaymentPayloadV2,
  PaymentRequirements,
  PaymentRequirementsV1,
  PaymentRequirementsV2,
  ResourceInfo,
  X402Version,
} from '../../wire/types.ts'
import {
  type Authorization,
  type AuthorizationPrimaryType,
  type AuthorizationTypedData,
  authorizationFromWire,
  authorizationToWire,
  authorizationTypedData,
  type Eip3009Domain,
  randomNonce,
  signAuthorization,
} from './eip3009.ts'

/** What the reference v1 client subtracts from now for `validAfter` (x402 1.x and @x402/evm ExactEvmSchemeV1). */
export const V1_VALID_AFTER_SKEW_SECONDS = 600n

/** Options of `buildExactPayment`. Every override is optional; without any the payment is honest. */
export interface ExactPaymentOptions<R extends PaymentRequirements = PaymentRequirements> {
  /** The requirements paid (one entry of `accepts`). */
  requirements: R
  /**
   * The protocol version of the challenge the requirements came in (its `x402Version`, the header it
   * travelled in). Pass it whenever the requirements came from someone else: their keys do not decide
   * it (a v2 offer may carry `maxAmountRequired` too). Without it, see {@link requirementsVersion}.
   */
  x402Version?: X402Version
  /** The payer: `authorization.from`, and the signer unless `signer` is given. */
  payer: LocalAccount
  /** Chain id of the domain; defaults to the one of `requirements.network`. */
  chainId?: number
  /** Unix seconds the time window is computed from (pass chain time); defaults to the wall clock. */
  now?: bigint | number
  /** v2: `payload.resource` (the reference client copies `PaymentRequired.resource`). */
  resource?: ResourceInfo
  /** v2: `payload.extensions`. */
  extensions?: Record<string, unknown>
  /** Values to sign instead of the defaults (underpay, expired, wrong `to`, reused nonce, …). */
  authorization?: Partial<Authorization>
  /** Domain fields to sign under instead of the token's (wrong chain, wrong token, wrong name/version). */
  domain?: Partial<Eip3009Domain>
  /** The EIP-712 primary type; `ReceiveWithAuthorization` makes a signature the token will not accept. */
  primaryType?: AuthorizationPrimaryType
  /** Who signs, when not the payer (a signature by someone other than `from`). */
  signer?: LocalAccount
  /** Wire values sent in place of the signed ones (claim one amount, sign another). */
  wire?: Partial<ExactEvmAuthorization>
  /** The signature sent: a replacement, or a function of the real one (to corrupt it). */
  signature?: Hex | ((signature: Hex) => Hex)
}

/** A built payment: the payload to send and what was signed, for evidence. */
export interface ExactPayment<P extends PaymentPayload = PaymentPayload> {
  payload: P
  /** The typed data that was signed (the domain and message as signed, before any `wire` override). */
  typedData: AuthorizationTypedData
  /** The signature as sent (after any `signature` override). */
  signature: Hex
  /** The address that produced the signature. */
  signer: Address
  /** The signed typed data in the report's evidence format (uints as decimal strings). */
  evidence: TypedDataEvidence
}

/**
 * The version of requirements the caller built itself and did not name: the one whose required amount
 * field they carry (`maxAmountRequired` v1, `amount` v2). Requirements that carry both (or neither)
 * are not guessed at: a `WireError` asks for `x402Version`. Requirements read from a challenge take
 * the challenge's version instead (`x402Version` option / argument).
 */
export function requirementsVersion(requirements: PaymentRequirements): X402Version {
  const v1 = Object.hasOwn(requirements, 'maxAmountRequired')
  const v2 = Object.hasOwn(requirements, 'amount')
  if (v1 !== v2) return v1 ? 1 : 2
  throw new WireError({
    subject: 'payment requirements',
    issues: [
      {
        path: v1 ? 'amount' : 'maxAmountRequired',
        code: 'format',
        message: `the requirements carry ${v1 ? 'both amount and maxAmountRequired' : 'neither amount nor maxAmountRequired'}: the version must come from the challenge (pass x402Version)`,
      },
    ],
  })
}

/** Whether requirements are paid as v1: by `version` when given (the challenge's), else {@link requirementsVersion}. */
export function isRequirementsV1(
  requirements: PaymentRequirements,
  version?: X402Version,
): requirements is PaymentRequirementsV1 {
  return (version ?? requirementsVersion(requirements)) === 1
}

/** The amount field of requirements of `version`: `maxAmountRequired` in v1, `amount` in any other. */
export function amountField(version: unknown): 'maxAmountRequired' | 'amount' {
  return version === 1 ? 'maxAmountRequired' : 'amount'
}

/**
 * The amount the requirements ask for, as written, in the field of `version` (the challenge's):
 * `maxAmountRequired` in v1, `amount` in v2. Without `version`, see {@link requirementsVersion}.
 */
export function requiredAmount(requirements: PaymentRequirements, version?: X402Version): string {
  const field = amountField(version ?? requirementsVersion(requirements))
  const value = (requirements as unknown as Record<string, unknown>)[field]
  return typeof value === 'string' ? value : String(value)
}

/**
 * The token's EIP-712 domain from requirements: `extra.name`, `extra.version`, the network's chain id and
 * `asset`. Throws a `WireError` naming the missing field, as the reference client refuses to sign.
 */
export function exactDomain(requirements: PaymentRequirements, chainId?: number): Eip3009Domain {
  const extra = (requirements.extra ?? {}) as Record<string, unknown>
  const id = chainId ?? chainIdOfNetwork(requirements.network)
  const problems: string[] = []
  if (typeof extra.name !== 'string' || extra.name === '') problems.push('extra.name')
  if (typeof extra.version !== 'string' || extra.version === '') problems.push('extra.version')
  if (id === undefined) problems.push('network')
  if (!/^0x[0-9a-fA-F]{40}$/.test(requirements.asset)) problems.push('asset')
  if (problems.length > 0 || id === undefined) {
    throw new WireError({
      subject: 'exact EVM EIP-712 domain',
      issues: problems.map((path) => ({
        path,
        code: path === 'network' || path === 'asset' ? 'format' : 'missing',
        message: describeDomainProblem(path, requirements),
      })),
    })
  }
  return {
    name: extra.name as string,
    version: extra.version as string,
    chainId: id,
    verifyingContract: getAddress(requirements.asset.toLowerCase()),
  }
}

function describeDomainProblem(path: string, requirements: PaymentRequirements): string {
  if (path === 'network') return `no EVM chain id for network ${JSON.stringify(requirements.network)}`
  if (path === 'asset') return `asset ${JSON.stringify(requirements.asset)} is not a token address`
  return `required to sign EIP-3009 (the token's EIP-712 domain ${path.slice('extra.'.length)})`
}

/** The typed data an `exact` EVM payload claims to be signed over, under `domain`. */
export function exactPayloadTypedData(
  payload: ExactEvmPayload,
  domain: Eip3009Domain,
  primaryType: AuthorizationPrimaryType = 'TransferWithAuthorization',
): AuthorizationTypedData {
  return authorizationTypedData(domain, authorizationFromWire(payload.authorization), primaryType)
}

/** The signed typed data in the evidence format (JSON-safe: uints as decimal strings). */
export function typedDataEvidence(
  typedData: AuthorizationTypedData,
  signer: string,
  signature: string,
  label?: string,
): TypedDataEvidence {
  return {
    kind: 'typed-data',
    ...(label === undefined ? {} : { label }),
    signer,
    domain: { ...typedData.domain },
    primaryType: typedData.primaryType,
    message: { ...authorizationToWire(typedData.message) },
    signature,
  }
}

/** Builds and signs an `exact` EVM payment for v1 requirements (an `X-PAYMENT` payload). */
export function buildExactPayment(
  options: ExactPaymentOptions<PaymentRequirementsV1>,
): Promise<ExactPayment<PaymentPayloadV1>>
/** Builds and signs an `exact` EVM payment for v2 requirements (a `PAYMENT-SIGNATURE` payload). */
export function buildExactPayment(
  options: ExactPaymentOptions<PaymentRequirementsV2>,
): Promise<ExactPayment<PaymentPayloadV2>>
/** Builds and signs an `exact` EVM payment of `x402Version` (see {@link requirementsVersion} without it). */
export function buildExactPayment(options: ExactPaymentOptions): Promise<ExactPayment>
export async function buildExactPayment(options: ExactPaymentOptions): Promise<ExactPayment> {
  const { requirements, payer } = options
  const version = options.x402Version ?? requirementsVersion(requirements)
  const v1 = version === 1
  const now = BigInt(options.now ?? Math.floor(Date.now() / 1000))
  const domain = signingDomain(options)
  const o = options.authorization ?? {}
  const validAfterDefault = now > V1_VALID_AFTER_SKEW_SECONDS ? now - V1_VALID_AFTER_SKEW_SECONDS : 0n
  const authorization: Authorization = {
    from: o.from ?? payer.address,
    to: o.to ?? getAddress(requirementsField(requirements, version, 'payTo').toLowerCase()),
    value: o.value ?? BigInt(requirementsField(requirements, version, 'amount')),
    // The reference v1 client backdates validAfter by 600 s; the v2 client (@x402/evm 2.27) sends 0.
    validAfter: o.validAfter ?? (v1 ? validAfterDefault : 0n),
    validBefore: o.validBefore ?? now + BigInt(requirements.maxTimeoutSeconds),
    nonce: o.nonce ?? randomNonce(),
  }
  const typedData = authorizationTypedData(domain, authorization, options.primaryType)
  const signer = options.signer ?? payer
  const signed = await signAuthorization(signer, typedData)
  const signature =
    typeof options.signature === 'function' ? options.signature(signed) : (options.signature ?? signed)
  const wire = { ...authorizationToWire(authorization), ...options.wire }
  const evidence = typedDataEvidence(typedData, signer.address, signed, 'exact payment authorization')
  // Key order follows what the reference clients emit, so headers look like theirs byte for byte.
  const payload: PaymentPayload = v1
    ? {
        x402Version: 1,
        scheme: requirements.scheme,
        network: requirements.network,
        payload: { signature, authorization: wire },
      }
    : {
        x402Version: 2,
        payload: { authorization: wire, signature },
        ...(options.resource === undefined ? {} : { resource: structuredClone(options.resource) }),
        accepted: structuredClone(requirements) as PaymentRequirementsV2,
        ...(options.extensions === undefined ? {} : { extensions: structuredClone(options.extensions) }),
      }
  return { payload, typedData, signature, signer: signer.address, evidence }
}

/** The domain signed under: the token's, with the caller's overrides (which then need not be derivable). */
function signingDomain(options: ExactPaymentOptions): Eip3009Domain {
  const { requirements } = options
  const d = options.domain ?? {}
  const extra = (requirements.extra ?? {}) as Record<string, unknown>
  const patched: PaymentRequirements = {
    ...requirements,
    asset: d.verifyingContract ?? requirements.asset,
    extra: {
      ...extra,
      ...(d.name === undefined ? {} : { name: d.name }),
      ...(d.version === undefined ? {} : { version: d.version }),
    },
  }
  const domain = exactDomain(patched, d.chainId ?? options.chainId)
  return d.verifyingContract === undefined ? domain : { ...domain, verifyingContract: d.verifyingContract }
}

/** A requirements field the default authorization is built from, or a `WireError` naming it. */
function requirementsField(
  requirements: PaymentRequirements,
  version: X402Version,
  field: 'amount' | 'payTo',
): string {
  const name = field === 'payTo' ? 'payTo' : amountField(version)
  const value = field === 'payTo' ? requirements.payTo : requiredAmount(requirements, version)
  const ok = field === 'payTo' ? /^0x[0-9a-fA-F]{40}$/.test(value) : /^(0|[1-9][0-9]*)$/.test(value)
  if (ok) return value
  const message = `${JSON.stringify(value)} cannot be signed (pass authorization.${field === 'payTo' ? 'to' : 'value'} to override)`
  throw new WireError({
    subject: 'exact EVM authorization',
    issues: [{ path: name, code: 'format', message }],
  })
}
