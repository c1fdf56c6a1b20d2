/**
 * What a reference resource server needs to know, read from the environment the harness hands a
 * started target (DESIGN.md "The user-facing contract": X402_NETWORK, X402_NETWORK_V1, X402_ASSET,
 * X402_PAY_TO, X402_FACILITATOR_URL, X402_RPC_URL, PORT), with programmatic overrides.
 */
import { type Address, createPublicClient, getAddress, http } from 'viem'
import type { X402Version } from '../../wire/types.ts'
import { type BatchTerms, readBatchTerms } from './batch/offer.ts'
import type { PaymentFlow } from './payment-flow.ts'
import { type Permit2Kind, type Permit2Terms, parsePermit2Kinds, resolvePermit2Terms } from './permit2.ts'

/** The resolved configuration of one reference server. */
export interface ReferenceServerConfig {
  /** The protocol version it speaks (v1: X-PAYMENT and a JSON 402 body; v2: PAYMENT-* headers). */
  version: X402Version
  /** Base URL of the facilitator it verifies and settles with (the built-in one under test). */
  facilitatorUrl: string
  /** v2 CAIP-2 network id (e.g. `eip155:84532`). */
  network: string
  /** v1 network name (e.g. `base-sepolia`). */
  networkV1: string
  /** The EIP-3009 token it charges in. */
  asset: Address
  /** Who gets paid. */
  payTo: Address
  /** The token's EIP-712 domain, advertised as `extra.name` / `extra.version`. */
  eip712: { name: string; version: string }
  /** Price in atomic units. Default 1000 ($0.001 in USDC). */
  price: string
  /** Path of the paid resource. Default `/weather`. */
  path: string
  description: string
  mimeType: string
  maxTimeoutSeconds: number
  /** How long to wait for the facilitator before answering 500. Default 10 s. */
  facilitatorTimeoutMs: number
  /** Port on 127.0.0.1 (0 = any free port). */
  port: number
  /**
   * v2: the payment flow (core v2 §6.1) of its `exact` offer. `upfront` (settle → resource) is
   * declared in the offer's `extra.paymentFlow`; default `authorization` (verify → resource → settle).
   */
  paymentFlow: PaymentFlow
  /**
   * v2: the payment-identifier extension it advertises (extensions/payment_identifier.md), with whether
   * an id is required; undefined = not advertised. Default for v2: advertised, `required: false`.
   */
  paymentIdentifier: { required: boolean } | undefined
  /** v2: the batch-settlement terms (from the facilitator's /supported); undefined = `exact` only. */
  batch?: BatchTerms | undefined
  /** v2: the Permit2-based offers (exact with Permit2, upto) it adds; undefined = none (the default). */
  permit2?: Permit2Terms | undefined
}

/**
 * Overrides of the environment's values. `permit2Kinds` opts in to Permit2-based offers like
 * `X402_SERVER_PERMIT2=exact,upto` does (their terms resolved against the facilitator).
 */
export type ReferenceServerOverrides = Partial<Omit<ReferenceServerConfig, 'version'>> & {
  permit2Kinds?: readonly Permit2Kind[]
}

const DEFAULTS = {
  price: '1000',
  path: '/weather',
  description: 'Weather report',
  mimeType: 'application/json',
  maxTimeoutSeconds: 60,
  facilitatorTimeoutMs: 10_000,
}

/** Reads the configuration; the token's EIP-712 domain comes from the chain unless given. */
export async function resolveConfig(
  version: X402Version,
  environment: Readonly<Record<string, string | undefined>>,
  overrides: ReferenceServerOverrides = {},
): Promise<ReferenceServerConfig> {
  const need = (name: string, override: string | undefined): string => {
    const value = override ?? environment[name]
    if (value === undefined || value === '') throw new Error(`reference server: ${name} is not set`)
    return value
  }
  const asset = getAddress(need('X402_ASSET', overrides.asset))
  const eip712 = overrides.eip712 ?? (await readDomain(need('X402_RPC_URL', undefined), asset))
  const port = overrides.port ?? (environment.PORT === undefined ? 0 : Number(environment.PORT))
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`reference server: bad PORT ${port}`)
  const facilitatorUrl = need('X402_FACILITATOR_URL', overrides.facilitatorUrl).replace(/\/+$/, '')
  const network = need('X402_NETWORK', overrides.network)
  const batch =
    'batch' in overrides
      ? overrides.batch
      : version === 2
        ? await readBatchTerms(facilitatorUrl, network)
        : undefined
  const permit2 =
    'permit2' in overrides
      ? overrides.permit2
      : version === 2
        ? await resolvePermit2Terms(
            overrides.permit2Kinds ?? parsePermit2Kinds(environment.X402_SERVER_PERMIT2 ?? ''),
            facilitatorUrl,
            network,
          )
        : undefined
  return {
    version,
    facilitatorUrl,
    network,
    networkV1: need('X402_NETWORK_V1', overrides.networkV1),
    asset,
    payTo: getAddress(need('X402_PAY_TO', overrides.payTo)),
    eip712,
    price: overrides.price ?? DEFAULTS.price,
    path: overrides.path ?? DEFAULTS.path,
    description: overrides.description ?? DEFAULTS.description,
    mimeType: overrides.mimeType ?? DEFAULTS.mimeType,
    maxTimeoutSeconds: overrides.maxTimeoutSeconds ?? DEFAULTS.maxTimeoutSeconds,
    facilitatorTimeoutMs: overrides.facilitatorTimeoutMs ?? DEFAULTS.facilitatorTimeoutMs,
    port,
    paymentFlow: overrides.paymentFlow ?? 'authorization',
    paymentIdentifier:
      'paymentIdentifier' in overrides
        ? overrides.paymentIdentifier
        : version === 2
          ? { required: false }
          : undefined,
    batch,
    permit2,
  }
}

const domainAbi = [
  { type: 'function', name: 'name', stateMutability: 'view', inputs: [], outputs: [{ type: 'string' }] },
  { type: 'function', name: 'version', stateMutability: 'view', inputs: [], outputs: [{ type: 'string' }] },
] as const

/** The token's own EIP-712 name and version, so the advertised `extra` cannot drift from the chain. */
async function readDomain(rpcUrl: string, asset: Address): Promise<{ name: string; version: string }> {
  const client = createPublicClient({ transport: http(rpcUrl, { retryCount: 0 }) })
  const [name, version] = await Promise.all([
    client.readContract({ address: asset, abi: domainAbi, functionName: 'name' }),
    client.readContract({ address: asset, abi: domainAbi, functionName: 'version' }),
  ])
  return { name, version }
}
