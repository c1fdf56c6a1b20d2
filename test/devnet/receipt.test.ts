/**
 * waitForReceipt (harness/devnet/receipt.ts) on a devnet that mines only when told: a receipt mined
 * after the wait's first look missed it comes although no block follows and another wait holds viem's
 * shared block watcher (where viem's own waitForTransactionReceipt waits for a next block), and a
 * transaction never mined ends the wait at its timeout.
 */
import { createPublicClient, custom, type Hash, http, parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Devnet, startDevnet } from '../../harness/devnet/index.ts'
import { waitForReceipt } from '../../harness/devnet/receipt.ts'

/** How late the client below answers eth_getTransactionReceipt for a slow hash (the answer as of the ask). */
const LATE_MS = 300

describe('waitForReceipt', () => {
  let devnet: Devnet
  const slow = new Set<string>()
  let client: ReturnType<typeof lateClient>

  const lateClient = (rpcUrl: string) => {
    const inner = http(rpcUrl)({ chain: devnet.chain })
    return createPublicClient({
      chain: devnet.chain,
      pollingInterval: 20,
      transport: custom({
        async request({ method, params }) {
          const answer = await inner.request({ method, params } as never)
          if (method === 'eth_getTransactionReceipt' && slow.has(String((params as unknown[])[0])))
            await new Promise((resolve) => setTimeout(resolve, LATE_MS))
          return answer
        },
      }),
    })
  }
  const send = () => {
    const sender = devnet.accounts[0]!
    return devnet.walletClient(sender).sendTransaction({ to: sender.address, value: parseEther('0.001') })
  }

  beforeAll(async () => {
    devnet = await startDevnet()
    client = lateClient(devnet.rpcUrl)
    await devnet.testClient.setAutomine(false)
  })
  afterAll(async () => {
    await devnet?.stop()
  })

  test('a transaction mined after the first look missed it, with no block after it', async () => {
    // Another wait, for a transaction that never comes, keeps viem's block watcher of this client going.
    const other = client
      .waitForTransactionReceipt({ hash: `0x${'11'.repeat(32)}`, timeout: 1_000 })
      .catch(() => undefined)
    await new Promise((resolve) => setTimeout(resolve, 100))
    const hash = await send()
    slow.add(hash)
    const receipt = waitForReceipt(client, hash, { timeoutMs: 5_000 })
    await new Promise((resolve) => setTimeout(resolve, 100))
    await devnet.testClient.mine({ blocks: 1 })
    expect((await receipt).transactionHash).toBe(hash)
    await other
  })

  test('a transaction never mined ends the wait at its timeout', async () => {
    const hash: Hash = `0x${'22'.repeat(32)}`
    const started = performance.now()
    await expect(waitForReceipt(client, hash, { timeoutMs: 300 })).rejects.toThrow(
      `no receipt for transaction ${hash} within 300 ms`,
    )
    expect(performance.now() - started).toBeGreaterThanOrEqual(300)
  })
})
