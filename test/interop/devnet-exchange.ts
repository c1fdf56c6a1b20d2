/**
 * What the exchange scripts (./exchange.ts, ../permit2/sdk-exchange.ts) share: a fresh devnet with its
 * built-in facilitator, everything stopped after, and one JSON line per paid request on stdout for the
 * test that runs the script in a network namespace.
 */
import type { Address } from 'viem'
import { ACCOUNT_ROLES, type Devnet, startDevnet } from '../../harness/devnet/index.ts'
import type { DevnetAccount } from '../../harness/devnet/types.ts'
import { type RunningFacilitator, startFacilitator } from '../../harness/facilitator/index.ts'
import { stopAllProcesses } from '../../harness/processes/registry.ts'
import { onlyLoopback } from './isolation.ts'

/** The devnet, its built-in facilitator, and the payer and payee of the exchange. */
export interface ExchangeSetting {
  devnet: Devnet
  facilitator: RunningFacilitator
  payer: DevnetAccount
  payTo: Address
}

/** Runs `exchange` in a fresh setting, then stops the facilitator, the devnet and every process started. */
export async function onDevnet(exchange: (setting: ExchangeSetting) => Promise<void>): Promise<void> {
  const devnet = await startDevnet()
  try {
    const facilitator = await startFacilitator({
      devnet,
      signer: devnet.accounts[ACCOUNT_ROLES.facilitator]!,
    })
    try {
      await exchange({
        devnet,
        facilitator,
        payer: devnet.accounts[ACCOUNT_ROLES.payer]!,
        payTo: devnet.accounts[ACCOUNT_ROLES.payTo]!.address,
      })
    } finally {
      await facilitator.stop()
    }
  } finally {
    await devnet.stop()
    await stopAllProcesses()
  }
}

/** How many /settle calls the facilitator has had. */
export function settleCalls(facilitator: RunningFacilitator): number {
  return facilitator.log.calls().filter((call) => call.endpoint === 'settle').length
}

/** Payer's and payee's balances of the token paid. */
export interface Balances {
  payer: bigint
  payTo: bigint
}

/** One paid request's JSON line: `head`, whether only loopback was visible, what happened, what moved. */
export function printExchange(
  head: Record<string, unknown>,
  run: { outcome: unknown; settles: number; before: Balances; after: Balances },
): void {
  process.stdout.write(
    `${JSON.stringify({
      ...head,
      isolated: onlyLoopback(),
      outcome: run.outcome,
      settles: run.settles,
      payerDelta: String(run.after.payer - run.before.payer),
      payToDelta: String(run.after.payTo - run.before.payTo),
    })}\n`,
  )
}
