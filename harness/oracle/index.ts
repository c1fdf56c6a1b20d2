/**
 * The chain oracle: balances and their deltas, token Transfer events (from a receipt or by address),
 * `authorizationState`, and the verdicts built on them ("exactly one transfer of exactly X to payTo",
 * "no transfer"). Shared by the server and facilitator suites.
 *
 * ```ts
 * const chain = createChainOracle({ publicClient: devnet.publicClient, token: devnet.usdc, evidence })
 * const tx = await chain.transaction(settlement.transaction, 'settlement')
 * checkTransactionSucceeded(tx)
 * checkExactlyOneTransfer(await chain.transfers({ from: payer }), { to: payTo, value: 1000n })
 * ```
 */
export * from './abi.ts'
export * from './chain.ts'
export * from './verdicts.ts'
