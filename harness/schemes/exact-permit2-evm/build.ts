/**
 * Builds signed Permit2 payments (v2 `PAYMENT-SIGNATURE` payloads) the way @x402/evm 2.27's clients do
 * (validAfter 0, deadline = now + maxTimeoutSeconds, a random nonce, the proxy as spender), with an
 * override for every signed field, the domain, the signer, the values sent and the signature, so the
 * suites build hostile payments through the same code as honest ones.
 */
import { type Address, getAddress, type Hex, type LocalAccount } from 'viem'
import type { TypedDataEvidence } from '../../model/result.ts'
import { WireError } from '../../wire/errors.ts'
import { chainIdOfNetwork } from '../../wire/networks.ts'
import type { PaymentPayloadV2, PaymentRequirementsV2, ResourceInfo } from '../../wire/types.ts'
import {
  type Permit2Authorization,
  type Permit2AuthorizationWire,
  type Permit2TypedData,
  permit2AuthorizationToWire,
  type permit2Domain,
  permit2TypedData,
  randomPermit2Nonce,
  signPermit2,
  type WitnessField,
  type WitnessValues,
} from './permit2.ts'

/** Overrides of the signed authorization: any field, the permitted pair and the witness field by field. */
export type AuthorizationOverrides<W extends WitnessValues> = Partial<
  Omit<Permit2Authorization<W>, 'permitted' | 'witness'>
> & { permitted?: Partial<Permit2Authorization<W>['permitted']>; witness?: Partial<W> }

/** Options of a Permit2 payment build. Without overrides the payment is honest. */
export interface Permit2PaymentOptions<W extends WitnessValues> {
  /** The requirements paid (one v2 `accepts` entry); the payload's `accepted` is a copy. */
  requirements: PaymentRequirementsV2
  /** The payer: `permit2Authorization.from`, and the signer unless `signer` is given. */
  payer: LocalAccount
  /** Unix seconds the deadline counts from (pass chain time); default the wall clock. */
  now?: bigint | number
  /** Chain id of the domain; default the one of `requirements.network`. */
  chainId?: number
  /** `payload.resource`. */
  resource?: ResourceInfo
  /** `payload.extensions`. */
  extensions?: Record<string, unknown>
  /** Values to sign instead of the defaults (another spender, amount, recipient, nonce, deadline…). */
  authorization?: AuthorizationOverrides<W>
  /** Domain fields to sign under instead of Permit2's (another chain or verifying contract). */
  domain?: Partial<ReturnType<typeof permit2Domain>>
  /** Who signs, when not the payer. */
  signer?: LocalAccount
  /** Changes to the wire `permit2Authorization` after signing (claim one value, sign another). */
  wire?: (wire: Permit2AuthorizationWire) => Permit2AuthorizationWire
  /** The signature sent: a replacement, or a function of the real one. */
  signature?: Hex | ((signature: Hex) => Hex)
}

/** What a scheme contributes to a Permit2 payment: its proxy and its witness. */
export interface Permit2Method<W extends WitnessValues> {
  /** Who the evidence says signed what: `exact permit2`, `upto`. */
  label: string
  spender: Address
  witnessFields: readonly WitnessField[]
  /** The honest witness for these requirements. */
  witness(requirements: PaymentRequirementsV2): W
}

/** A built Permit2 payment: the payload and what was signed. */
export interface Permit2Payment<W extends WitnessValues = WitnessValues> {
  payload: PaymentPayloadV2
  /** The authorization as signed (before any `wire` change). */
  authorization: Permit2Authorization<W>
  typedData: Permit2TypedData
  /** The signature as sent. */
  signature: Hex
  signer: Address
  evidence: TypedDataEvidence
}

/** Builds and signs a Permit2 payment of `method` for v2 requirements. */
export async function buildPermit2Payment<W extends WitnessValues>(
  method: Permit2Method<W>,
  options: Permit2PaymentOptions<W>,
): Promise<Permit2Payment<W>> {
  const { requirements } = options
  const chainId = options.chainId ?? chainIdOfNetwork(requirements.network)
  if (chainId === undefined) {
    throw new WireError({
      subject: `${method.label} payment`,
      issues: [{ path: 'network', code: 'format', message: `no EVM chain id for ${requirements.network}` }],
    })
  }
  const now = BigInt(options.now ?? Math.floor(Date.now() / 1000))
  const o = options.authorization ?? {}
  const authorization: Permit2Authorization<W> = {
    from: o.from ?? options.payer.address,
    permitted: {
      token: o.permitted?.token ?? getAddress(requirements.asset.toLowerCase()),
      amount: o.permitted?.amount ?? BigInt(requirements.amount),
    },
    spender: o.spender ?? method.spender,
    nonce: o.nonce ?? randomPermit2Nonce(),
    deadline: o.deadline ?? now + BigInt(requirements.maxTimeoutSeconds),
    witness: { ...method.witness(requirements), ...(o.witness ?? {}) } as W,
  }
  const typedData = permit2TypedData(authorization, method.witnessFields, chainId, options.domain)
  const signer = options.signer ?? options.payer
  const signed = await signPermit2(signer, typedData)
  const signature =
    typeof options.signature === 'function' ? options.signature(signed) : (options.signature ?? signed)
  const wire = permit2AuthorizationToWire(authorization)
  const payload: PaymentPayloadV2 = {
    x402Version: 2,
    ...(options.resource ? { resource: options.resource } : {}),
    accepted: requirements,
    payload: { signature, permit2Authorization: options.wire ? options.wire(wire) : wire },
    ...(options.extensions ? { extensions: options.extensions } : {}),
  }
  return {
    payload,
    authorization,
    typedData,
    signature,
    signer: signer.address,
    evidence: permit2Evidence(typedData, signer.address, signature, method.label),
  }
}

/** The signed typed data in the evidence format (uints as decimal strings). */
export function permit2Evidence(
  typedData: Permit2TypedData,
  signer: string,
  signature: string,
  label?: string,
): TypedDataEvidence {
  const m = typedData.message
  const witness: Record<string, string> = {}
  for (const [name, value] of Object.entries(m.witness)) witness[name] = value.toString()
  return {
    kind: 'typed-data',
    ...(label === undefined ? {} : { label }),
    signer,
    domain: { ...typedData.domain },
    primaryType: typedData.primaryType,
    message: {
      permitted: { token: m.permitted.token, amount: m.permitted.amount.toString() },
      spender: m.spender,
      nonce: m.nonce.toString(),
      deadline: m.deadline.toString(),
      witness,
    },
    signature,
  }
}
