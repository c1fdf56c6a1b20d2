/**
 * The built-in facilitator (harness/facilitator) as an in-process target, created from the environment a
 * started facilitator gets (`X402_RPC_URL`, `X402_CHAIN_ID`, `X402_FACILITATOR_PRIVATE_KEY`, `PORT`).
 * It is the facilitator suite's reference implementation (`demo`), and the base of the known-bad
 * facilitators, which wrap its request handling (`wrap`) to inject one defect each.
 */
import {
  type Chain,
  createPublicClient,
  createWalletClient,
  defineChain,
  type Hex,
  http,
  type Transport,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { base, baseSepolia } from 'viem/chains'
import { type ChainPreset, presets } from '../../harness/devnet/presets.ts'
import {
  type BatchFacilitatorSteps,
  createFacilitator,
  type Facilitator,
  type FacilitatorOptions,
  type FacilitatorService,
  serveFacilitator,
} from '../../harness/facilitator/index.ts'
import type { InProcessTarget } from '../../harness/runner/fixture.ts'

/** Changes the built-in facilitator's request handling (the known-bad facilitators inject defects here). */
export type ServiceWrapper = (service: FacilitatorService, facilitator: Facilitator) => FacilitatorService

/** How a variant of the built-in facilitator differs (the known-bad facilitators). */
export interface BuiltinVariant {
  /** Changes its request handling. */
  wrap?: ServiceWrapper
  /** Batch-settlement steps replaced. */
  batchSteps?: Partial<BatchFacilitatorSteps>
  /** How its signer's sends are ordered (default: one at a time, its nonce management). */
  sends?: FacilitatorOptions['sends']
  /** The transport its wallet sends through (default: plain HTTP to `X402_RPC_URL`). */
  transport?: (rpcUrl: string) => Transport
  /** How it judges a mined settlement (default: the asset's Transfer event, settlement-check.ts). */
  settlementCheck?: FacilitatorOptions['settlementCheck']
}

/**
 * Starts the built-in facilitator on 127.0.0.1 (`PORT` when set) from a target environment; the
 * variant's fields make a known-bad version of it.
 */
export async function startBuiltinFacilitator(
  environment: Record<string, string | undefined>,
  options: BuiltinVariant = {},
): Promise<InProcessTarget> {
  const facilitator = builtinFromEnvironment(environment, options)
  const service = options.wrap ? options.wrap(facilitator.service, facilitator) : facilitator.service
  const port = environment.PORT === undefined ? 0 : Number(environment.PORT)
  const server = await serveFacilitator(service, { port })
  return { url: server.url, stop: server.stop }
}

/** The built-in facilitator (no server) settling on the chain the environment names. */
export function builtinFromEnvironment(
  environment: Record<string, string | undefined>,
  variant: Omit<BuiltinVariant, 'wrap'> = {},
): Facilitator {
  const rpcUrl = required(environment, 'X402_RPC_URL')
  const chainId = Number(required(environment, 'X402_CHAIN_ID'))
  const preset: ChainPreset | undefined = Object.values(presets).find(
    (candidate) => candidate.chainId === chainId,
  )
  if (preset === undefined) throw new Error(`X402_CHAIN_ID ${chainId} is not a devnet preset`)
  const upstream = preset.name === 'base' ? base : baseSepolia
  // Typed as a plain Chain: the facilitator needs no OP-stack formatters, and the clients stay generic.
  const chain: Chain = defineChain({ ...upstream, rpcUrls: { default: { http: [rpcUrl] } } })
  const transport = http(rpcUrl)
  const account = privateKeyToAccount(required(environment, 'X402_FACILITATOR_PRIVATE_KEY') as Hex)
  return createFacilitator({
    chain: {
      publicClient: createPublicClient({ chain, transport, pollingInterval: 20 }),
      walletClient: createWalletClient({
        account,
        chain,
        transport: variant.transport?.(rpcUrl) ?? transport,
      }),
      preset,
      usdc: preset.usdc,
    },
    ...(variant.batchSteps ? { batchSteps: variant.batchSteps } : {}),
    ...(variant.sends === undefined ? {} : { sends: variant.sends }),
    ...(variant.settlementCheck === undefined ? {} : { settlementCheck: variant.settlementCheck }),
  })
}

function required(environment: Record<string, string | undefined>, name: string): string {
  const value = environment[name]
  if (value === undefined || value === '') throw new Error(`${name} is not set`)
  return value
}
