/**
 * What the reference client remembers of its `batch-settlement` channels (scheme_batch_settlement_evm.md
 * "Client Verification Rules"): per channel id, what the server has charged so far, the balance it
 * expects, and, once a payment response failed a Steady State check, why it stopped signing there.
 *
 * Two stores: in memory (in-process targets and the driver keep one per client instance) and files
 * (the command form, one process per payment): `<dir>/<channelId>.json`, where `<dir>` is
 * `X402_CLIENT_STATE_DIR` when set, else `<tmpdir>/x402-conformance-reference-client/<chainId>-<rpc
 * port>-<genesis hash>`, so that a record never outlives the devnet it describes. A channel without a
 * record is recovered from the chain ("Client cold start": `chargedCumulativeAmount = totalClaimed`).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPublicClient, type Hex, http } from 'viem'

/** The client's record of one channel. */
export interface BatchChannelRecord {
  channelId: Hex
  /** What the server charged on the channel, as the client accepted it. */
  chargedCumulativeAmount: bigint
  /** The channel balance the client expects (its deposits, or the chain's at cold start). */
  balance: bigint
  /** Set once a payment response failed a Steady State check: no voucher is signed on the channel again. */
  stopped?: string
}

/** Where channel records live. */
export interface BatchChannelStore {
  get(channelId: Hex): Promise<BatchChannelRecord | undefined>
  put(record: BatchChannelRecord): Promise<void>
}

/** A store in memory (lost with the client instance). */
export function memoryChannelStore(): BatchChannelStore {
  const records = new Map<string, BatchChannelRecord>()
  return {
    get: async (channelId) => {
      const record = records.get(channelId.toLowerCase())
      return record === undefined ? undefined : { ...record }
    },
    put: async (record) => {
      records.set(record.channelId.toLowerCase(), { ...record })
    },
  }
}

/** A store of one JSON file per channel in the directory `directory()` resolves to (created on first write). */
export function fileChannelStore(directory: () => Promise<string>): BatchChannelStore {
  let resolved: Promise<string> | undefined
  const dir = () => {
    resolved ??= directory()
    return resolved
  }
  const path = async (channelId: Hex) => join(await dir(), `${channelId.toLowerCase()}.json`)
  return {
    async get(channelId) {
      let text: string
      try {
        text = await readFile(await path(channelId), 'utf8')
      } catch {
        return undefined
      }
      const stored = JSON.parse(text) as Record<string, string | undefined>
      return {
        channelId,
        chargedCumulativeAmount: BigInt(stored.chargedCumulativeAmount ?? '0'),
        balance: BigInt(stored.balance ?? '0'),
        ...(stored.stopped === undefined ? {} : { stopped: stored.stopped }),
      }
    },
    async put(record) {
      const file = await path(record.channelId)
      await mkdir(await dir(), { recursive: true })
      const text = JSON.stringify({
        channelId: record.channelId,
        chargedCumulativeAmount: `${record.chargedCumulativeAmount}`,
        balance: `${record.balance}`,
        ...(record.stopped === undefined ? {} : { stopped: record.stopped }),
      })
      // Written aside and renamed, so a reader never sees half a record.
      const temporary = `${file}.${process.pid}.tmp`
      await writeFile(temporary, text)
      await rename(temporary, file)
    },
  }
}

/** The command form's state directory: `X402_CLIENT_STATE_DIR`, else one per devnet under the temp dir. */
export function defaultStateDirectory(
  environment: Readonly<Record<string, string | undefined>>,
  rpcUrl: string,
  chainId: number,
): () => Promise<string> {
  return async () => {
    const configured = environment.X402_CLIENT_STATE_DIR
    if (configured !== undefined && configured !== '') return configured
    const client = createPublicClient({ transport: http(rpcUrl, { retryCount: 0 }) })
    const genesis = await client.getBlock({ blockNumber: 0n })
    const port = new URL(rpcUrl).port || '80'
    return join(
      tmpdir(),
      'x402-conformance-reference-client',
      `${chainId}-${port}-${genesis.hash.slice(2, 18)}`,
    )
  }
}
