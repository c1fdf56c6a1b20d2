import { hashDomain, parseAbi } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { usdcAbi } from '../../contracts/artifacts/index.ts'
import { DEVNET_MNEMONIC, devnetAccounts } from '../../harness/devnet/accounts.ts'
import { type Devnet, MULTICALL3_ADDRESS, presets, startDevnet } from '../../harness/devnet/index.ts'
import { registeredProcesses } from '../../harness/processes/registry.ts'
import { isRunning } from './pids.ts'

const domainTypes = {
  EIP712Domain: [
    { name: 'name', type: 'string' },
    { name: 'version', type: 'string' },
    { name: 'chainId', type: 'uint256' },
    { name: 'verifyingContract', type: 'address' },
  ],
} as const

for (const presetName of ['base-sepolia', 'base'] as const) {
  describe(`devnet (${presetName})`, () => {
    const preset = presets[presetName]
    let devnet: Devnet
    beforeAll(async () => {
      devnet = await startDevnet({ preset: presetName })
    })
    afterAll(async () => {
      await devnet?.stop()
    })

    test('runs the preset chain id on loopback', async () => {
      expect(devnet.rpcUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(await devnet.publicClient.getChainId()).toBe(preset.chainId)
    })

    test('USDC sits at its canonical address with the real EIP-712 domain', async () => {
      const read = (functionName: 'name' | 'version' | 'decimals' | 'symbol' | 'DOMAIN_SEPARATOR') =>
        devnet.publicClient.readContract({
          address: preset.usdc,
          abi: usdcAbi,
          functionName,
        }) as Promise<unknown>
      expect(await read('name')).toBe(preset.eip712.name)
      expect(await read('version')).toBe(preset.eip712.version)
      expect(await read('decimals')).toBe(6)
      expect(await read('symbol')).toBe('USDC')
      const expected = hashDomain({
        domain: { ...preset.eip712, chainId: BigInt(preset.chainId), verifyingContract: preset.usdc },
        types: domainTypes,
      })
      expect(await read('DOMAIN_SEPARATOR')).toBe(expected)
    })

    test('Multicall3 answers at its canonical address', async () => {
      const [block, balance] = await devnet.publicClient.multicall({
        contracts: [
          {
            address: MULTICALL3_ADDRESS,
            abi: parseAbi(['function getBlockNumber() view returns (uint256)']),
            functionName: 'getBlockNumber',
          },
          {
            address: preset.usdc,
            abi: usdcAbi,
            functionName: 'balanceOf',
            args: [devnet.accounts[2]!.address],
          },
        ],
        multicallAddress: MULTICALL3_ADDRESS,
        allowFailure: false,
      })
      expect(block).toBeGreaterThanOrEqual(0n)
      expect(balance).toBe(1_000_000_000_000n)
    })

    test('deterministic accounts have ETH and USDC, and totalSupply adds up', async () => {
      const totalSupply = await devnet.publicClient.readContract({
        address: preset.usdc,
        abi: usdcAbi,
        functionName: 'totalSupply',
      })
      expect(totalSupply).toBe(1_000_000_000_000n * BigInt(devnet.accounts.length))
      for (const account of devnet.accounts) {
        expect(await devnet.usdcBalance(account.address)).toBe(1_000_000_000_000n)
        expect(await devnet.publicClient.getBalance({ address: account.address })).toBeGreaterThan(10n ** 18n)
      }
    })

    test('fresh funded accounts are new and hold exactly what was asked', async () => {
      const [a, b] = await Promise.all([
        devnet.fundedAccount(),
        devnet.fundedAccount({ usdc: 5n, eth: 10n ** 18n }),
      ])
      expect(a!.address).not.toBe(b!.address)
      expect(await devnet.usdcBalance(a!.address)).toBe(100_000_000n)
      expect(await devnet.usdcBalance(b!.address)).toBe(5n)
      const empty = await devnet.fundedAccount({ usdc: 0n })
      expect(await devnet.usdcBalance(empty.address)).toBe(0n)
    })

    test('snapshot and revert restore balances', async () => {
      const account = await devnet.fundedAccount()
      const id = await devnet.snapshot()
      await devnet.mint(account.address, 7n)
      expect(await devnet.usdcBalance(account.address)).toBe(100_000_007n)
      await devnet.revert(id)
      expect(await devnet.usdcBalance(account.address)).toBe(100_000_000n)
    })

    test('the clock moves forward on request', async () => {
      const before = await devnet.now()
      await devnet.increaseTime(3600)
      const after = await devnet.now()
      expect(after - before).toBeGreaterThanOrEqual(3600n)
      expect(after - before).toBeLessThan(3605n)
      // Later blocks keep the new time instead of falling back to the wall clock.
      const account = await devnet.fundedAccount()
      const block = await devnet.publicClient.getBlock({ blockTag: 'latest' })
      expect(block.timestamp).toBeGreaterThanOrEqual(after)
      expect(await devnet.usdcBalance(account.address)).toBe(100_000_000n)
    })
  })
}

test('the hard-coded keys are the ones the mnemonic derives', () => {
  for (const [index, account] of devnetAccounts.entries()) {
    expect(mnemonicToAccount(DEVNET_MNEMONIC, { addressIndex: index }).address).toBe(account.address)
  }
})

test('stop ends anvil and is safe to call twice', async () => {
  const devnet = await startDevnet()
  const anvil = registeredProcesses().find((entry) => entry.name.endsWith(devnet.rpcUrl.split(':').at(-1)!))
  expect(anvil).toBeDefined()
  expect(isRunning(anvil!.pid)).toBe(true)
  await devnet.stop()
  await devnet.stop()
  expect(isRunning(anvil!.pid)).toBe(false)
  await expect(fetch(devnet.rpcUrl, { method: 'POST' })).rejects.toThrow()
})

test('a port already in use gives a clear error and leaves nothing running', async () => {
  const devnet = await startDevnet()
  const port = Number(devnet.rpcUrl.split(':').at(-1))
  const before = registeredProcesses().length
  await expect(startDevnet({ port })).rejects.toThrow(/anvil did not start on 127\.0\.0\.1:\d+/)
  expect(registeredProcesses().length).toBe(before)
  await devnet.stop()
})

test('calls on a new devnet see the current time (simulations run there)', async () => {
  // anvil executes eth_call on the genesis block with timestamp 1, which would make every
  // authorization look "not yet valid" in a facilitator's simulation: the devnet mines a first block.
  const devnet = await startDevnet()
  const seen = await devnet.publicClient.readContract({
    address: MULTICALL3_ADDRESS,
    abi: parseAbi(['function getCurrentBlockTimestamp() view returns (uint256)']),
    functionName: 'getCurrentBlockTimestamp',
  })
  const wall = BigInt(Math.floor(Date.now() / 1000))
  expect(wall - seen).toBeLessThanOrEqual(5n)
  await devnet.stop()
})
