/**
 * The environment handed to an implementation under test (DESIGN.md, "The user-facing contract"),
 * also printed by `x402-conformance devnet` so a user can wire an SDK by hand.
 */
import { ACCOUNT_ROLES } from './roles.ts'
import type { Devnet } from './types.ts'

/** What the environment is made of: a devnet, or the chain the devnet command booted before loading viem. */
export type EnvironmentSource = Pick<Devnet, 'rpcUrl' | 'preset' | 'usdc'> & {
  accounts: readonly { address: string; privateKey: string }[]
}

export interface TargetEnvironment {
  X402_RPC_URL: string
  X402_CHAIN_ID: string
  X402_NETWORK: string
  X402_NETWORK_V1: string
  X402_ASSET: string
  X402_FACILITATOR_URL: string
  X402_PAY_TO: string
  X402_PRIVATE_KEY: string
  X402_FACILITATOR_PRIVATE_KEY: string
  PORT?: string
}

export interface EnvironmentOptions {
  facilitatorUrl: string
  /** The port a started server or facilitator must listen on. */
  port?: number
  /** Overrides for who pays and who is paid (defaults: the devnet's payer and payTo accounts). */
  payerPrivateKey?: string
  payTo?: string
}

export function targetEnvironment(devnet: EnvironmentSource, options: EnvironmentOptions): TargetEnvironment {
  const account = (index: number) => devnet.accounts[index]!
  const env: TargetEnvironment = {
    X402_RPC_URL: devnet.rpcUrl,
    X402_CHAIN_ID: String(devnet.preset.chainId),
    X402_NETWORK: devnet.preset.network,
    X402_NETWORK_V1: devnet.preset.networkV1,
    X402_ASSET: devnet.usdc,
    X402_FACILITATOR_URL: options.facilitatorUrl,
    X402_PAY_TO: options.payTo ?? account(ACCOUNT_ROLES.payTo).address,
    X402_PRIVATE_KEY: options.payerPrivateKey ?? account(ACCOUNT_ROLES.payer).privateKey,
    X402_FACILITATOR_PRIVATE_KEY: account(ACCOUNT_ROLES.facilitator).privateKey,
  }
  if (options.port !== undefined) env.PORT = String(options.port)
  return env
}

/** `export NAME=value` lines, quoted for POSIX shells. */
export function exportLines(env: object): string {
  return Object.entries(env)
    .map(([name, value]) => `export ${name}='${String(value).replaceAll("'", "'\\''")}'`)
    .join('\n')
}
