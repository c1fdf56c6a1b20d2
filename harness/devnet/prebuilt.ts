/**
 * A pre-built chain state: the devnet's contracts and balances as anvil's own state snapshot, so a
 * later devnet boots with `--load-state` (as fast as a bare anvil) instead of placing every contract
 * over RPC. The first devnet of a kind builds it and saves it; the key covers everything the state is
 * made of (preset, funding, the contract artifacts, the anvil binary), so a change builds it afresh.
 * Kept free of viem: the devnet command boots from it before loading viem.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import { moduleUrl } from '../module-url.ts'
import { anvilRpc } from './raw-rpc.ts'

/** Raised when the snapshot format or what goes into it changes. */
const FORMAT = 1
const DIRECTORY = join(tmpdir(), 'x402-conformance-state')

/** The accounts a snapshot was made with (addresses derived once, so booting from it needs no curve math). */
export interface PrebuiltAccount {
  address: string
  privateKey: string
}

export interface PrebuiltState {
  /** anvil's state file, for `--load-state`. */
  stateFile: string
  accounts: PrebuiltAccount[]
}

/** The key of the state a devnet of this preset and funding has, with this anvil and these contracts. */
export function prebuiltKey(preset: string, usdcPerAccount: bigint, anvil: string): string {
  const hash = createHash('sha256').update(`${FORMAT}\0${preset}\0${usdcPerAccount}\0`)
  const binary = statSync(anvil)
  hash.update(`${anvil}\0${binary.size}\0${binary.mtimeMs}\0`)
  const artifacts = dirname(fileURLToPath(moduleUrl('../../contracts/artifacts/index.ts', import.meta.url)))
  for (const file of readdirSync(artifacts).sort())
    hash.update(file).update(readFileSync(join(artifacts, file)))
  return hash.digest('hex').slice(0, 32)
}

/** The saved state for `key`, if a devnet has built it. */
export function readPrebuilt(key: string): PrebuiltState | undefined {
  const stateFile = join(DIRECTORY, `${key}.state.json`)
  try {
    const accounts = JSON.parse(
      readFileSync(join(DIRECTORY, `${key}.accounts.json`), 'utf8'),
    ) as PrebuiltAccount[]
    statSync(stateFile)
    return { stateFile, accounts }
  } catch {
    return undefined
  }
}

/**
 * Saves the state of the chain at `rpcUrl` (a devnet just set up, nothing else done on it) under `key`.
 * Best effort: a devnet that cannot save still works, the next one builds the state again.
 */
export async function savePrebuilt(
  key: string,
  rpcUrl: string,
  accounts: readonly PrebuiltAccount[],
): Promise<void> {
  try {
    const result = await anvilRpc(rpcUrl, 'anvil_dumpState')
    if (typeof result !== 'string' || !result.startsWith('0x')) return
    const bytes = Buffer.from(result.slice(2), 'hex')
    // anvil answers a gzip of its JSON state; --load-state reads the JSON.
    const state = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes
    mkdirSync(DIRECTORY, { recursive: true })
    // Accounts last: a reader only trusts a key whose accounts file exists, and each file appears whole.
    writeAtomically(join(DIRECTORY, `${key}.state.json`), state)
    const keys = accounts.map(({ address, privateKey }) => ({ address, privateKey }))
    writeAtomically(join(DIRECTORY, `${key}.accounts.json`), JSON.stringify(keys))
  } catch {
    // the next devnet builds it again
  }
}

function writeAtomically(file: string, data: string | Uint8Array): void {
  const partial = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`
  writeFileSync(partial, data)
  renameSync(partial, file)
}
