/**
 * `batch-settlement` on EVM, the server's side (x402 v2; scheme_batch_settlement_evm.md "402 Response",
 * "Server: State & Forwarding", "Payment Response Contract", "Cooperative refund flow"): the offer's
 * channel terms, cumulative voucher accounting with the corrective 402, replayed, skipped and
 * out-of-order vouchers, requests of one channel serialised, no charge above the per-request amount,
 * and refunds of only what was not charged. The suite plays the client with its own channel; the chain
 * and the channel contract are the oracle. Skipped when the server offers no batch-settlement.
 */
import fc from 'fast-check'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { check, checkEqual, show } from '../../../harness/model/expect.ts'
import { readChannelState } from '../../../harness/schemes/batch-settlement-evm/channel.ts'
import {
  batchOfferOf,
  claimOnChain,
  depositFirst,
  depositOnChain,
  expectCharged,
  expectCorrective,
  expectVoucherOnly,
  openBatch,
  openDeposited,
  payNextVoucher,
  receiptOf,
} from '../batch.ts'
import { serverCase } from '../case.ts'
import { checkProperty } from '../property.ts'
import { specOf } from '../spec.ts'
import { isDelivery } from '../verdicts.ts'

const BATCH = { versions: [2] as const, tags: ['batch'], needs: ['chain'] as const }

/** Concurrent copies of one voucher in the serialisation case. */
export const CONCURRENT_VOUCHERS = 5

const MIN_DELAY = 900
const MAX_DELAY = 30 * 24 * 3600

export const batchCases = [
  serverCase({
    ...BATCH,
    id: 'server.batch.offer',
    title:
      'A batch-settlement offer names a receiver authorizer, a withdraw delay of 15 minutes to 30 days, and the token domain',
    requirements: ['RS-44'],
    needs: [],
    async run(context) {
      const offer = batchOfferOf(context)
      const extra = (offer.extra ?? {}) as Record<string, unknown>
      const spec = specOf('RS-44')
      const authorizer = extra.receiverAuthorizer
      check(
        typeof authorizer === 'string' &&
          /^0x[0-9a-fA-F]{40}$/.test(authorizer) &&
          !/^0x0{40}$/.test(authorizer),
        'extra.receiverAuthorizer is not a non-zero address',
        { seen: show(authorizer), spec },
      )
      const delay = extra.withdrawDelay
      check(
        typeof delay === 'number' && Number.isInteger(delay) && delay >= MIN_DELAY && delay <= MAX_DELAY,
        'extra.withdrawDelay is not a whole number of seconds from 900 to 2592000',
        { seen: show(delay), spec },
      )
      check(
        typeof extra.name === 'string' && extra.name !== '',
        'extra.name (token EIP-712 name) is missing',
        {
          seen: show(extra.name),
          spec,
        },
      )
      check(
        typeof extra.version === 'string' && extra.version !== '',
        'extra.version (token EIP-712 version) is missing',
        { seen: show(extra.version), spec },
      )
    },
  }),

  serverCase({
    ...BATCH,
    id: 'server.batch.deposit',
    title:
      'A deposit with a first voucher of the amount buys the resource; the response names the deposit transaction and amount',
    requirements: ['RS-45', 'RS-31'],
    async run(context) {
      const open = await openBatch(context)
      const deposit = open.price * 10n
      const receipt = await depositFirst(context, open)
      expectCharged(receipt, open, 0n, 'the deposit')
      const spec = specOf('RS-45')
      checkEqual(receipt.amount, `${deposit}`, 'the deposit response amount is not the deposit', { spec })
      const hash = receipt.transaction
      check(
        typeof hash === 'string' && /^0x[0-9a-fA-F]{64}$/.test(hash),
        'the deposit response names no transaction',
        {
          seen: show(hash),
          spec,
        },
      )
      const mined = await context.devnet.publicClient
        .getTransactionReceipt({ hash: hash as `0x${string}` })
        .catch(() => undefined)
      checkEqual(mined?.status, 'success', 'the deposit transaction is not on chain as a success', { spec })
      const state = await readChannelState(context.devnet.publicClient, open.channel.channelId)
      checkEqual(state.balance, deposit, 'the channel on chain does not hold the deposit', { spec })
      checkEqual(
        await context.devnet.usdcBalance(open.payer.address),
        open.payer.initialBalance - deposit,
        'the payer did not pay exactly the deposit',
        { spec },
      )
    },
  }),

  serverCase({
    ...BATCH,
    id: 'server.batch.voucher',
    title:
      'Cumulative vouchers buy one request each: charged at most the amount, no transaction, channelState adds up',
    requirements: ['RS-45', 'RS-31'],
    async run(context) {
      const { open, charged: deposited } = await openDeposited(context)
      let charged = deposited
      for (const request of [2, 3, 4]) {
        const response = await open.send(
          await open.channel.voucher(charged + open.price),
          `voucher ${request}: ${charged + open.price}`,
        )
        context.expect.delivered(response)
        const receipt = receiptOf(response, `voucher ${request}`)
        expectVoucherOnly(receipt, `voucher ${request}`)
        charged = expectCharged(receipt, open, charged, `voucher ${request}`)
      }
      checkEqual(
        await context.devnet.usdcBalance(open.payer.address),
        open.payer.initialBalance - open.price * 10n,
        'a voucher moved the payer’s tokens (only the deposit may)',
        { spec: specOf('RS-45') },
      )
    },
  }),

  serverCase({
    ...BATCH,
    id: 'server.batch.cumulative-mismatch',
    title:
      'A voucher below chargedCumulativeAmount + amount gets the corrective 402 with channelState and the last signed voucher',
    requirements: ['RS-31'],
    async run(context) {
      const { open, charged } = await openDeposited(context)
      const short = charged + open.price - 1n
      const response = await open.sendRefused(
        await open.channel.voucher(short),
        `voucher of ${short} (one short)`,
      )
      await expectCorrective(response, open, { charged, signedMaxClaimable: open.price }, 'the short voucher')
    },
  }),

  serverCase({
    ...BATCH,
    id: 'server.batch.replayed-voucher',
    title: 'A voucher that already bought a request buys nothing when sent again',
    requirements: ['RS-31', 'X-1'],
    async run(context) {
      const { open, charged } = await openDeposited(context)
      const voucher = await open.channel.voucher(charged + open.price)
      const first = await open.send(voucher, 'voucher')
      context.expect.delivered(first)
      const after = expectCharged(receiptOf(first, 'the voucher'), open, charged, 'the voucher')
      const replay = await open.sendRefused(voucher, 'the same voucher again')
      await expectCorrective(replay, open, { charged: after }, 'the replayed voucher')
    },
  }),

  serverCase({
    ...BATCH,
    id: 'server.batch.out-of-order',
    title: 'A voucher that skips ahead is refused with the corrective 402; the expected one is then accepted',
    requirements: ['RS-31'],
    async run(context) {
      const { open, charged } = await openDeposited(context)
      const ahead = charged + 2n * open.price
      const skipped = await open.sendRefused(
        await open.channel.voucher(ahead),
        `voucher of ${ahead} (one ahead)`,
      )
      await expectCorrective(skipped, open, { charged }, 'the voucher that skips ahead')
      const next = await open.send(await open.channel.voucher(charged + open.price), 'the expected voucher')
      context.expect.delivered(next)
      expectCharged(receiptOf(next, 'the expected voucher'), open, charged, 'the expected voucher')
    },
  }),

  serverCase({
    ...BATCH,
    id: 'server.batch.concurrent',
    title: `${CONCURRENT_VOUCHERS} copies of the next voucher sent at once buy one request: the channel is serialised`,
    requirements: ['RS-31'],
    async run(context) {
      const { open, charged } = await openDeposited(context)
      const voucher = await open.channel.voucher(charged + open.price)
      const responses = await Promise.all(
        Array.from({ length: CONCURRENT_VOUCHERS }, (_, copy) =>
          open.send(voucher, `copy ${copy + 1} of the next voucher`),
        ),
      )
      const delivered = responses.filter((response) => response.status >= 200 && response.status < 300)
      check(delivered.length <= 1, 'one voucher bought several requests sent at once', {
        expected: 'at most one delivery (requests of one channel are processed one at a time)',
        seen: `${delivered.length} deliveries: ${responses.map((response) => response.status).join(', ')}`,
        spec: specOf('RS-31'),
      })
    },
  }),

  serverCase({
    ...BATCH,
    id: 'server.batch.wrong-signer',
    title: 'A voucher signed by someone other than the payer buys nothing',
    requirements: ['RS-31', 'RS-18'],
    async run(context) {
      const { open, charged } = await openDeposited(context)
      const stranger = privateKeyToAccount(generatePrivateKey())
      await open.sendRefused(
        await open.channel.voucher(charged + open.price, stranger),
        `voucher of ${charged + open.price} signed by ${stranger.address}`,
      )
    },
  }),

  serverCase({
    ...BATCH,
    id: 'server.batch.above-balance',
    title: 'A voucher above what the channel holds buys nothing',
    requirements: ['RS-31', 'RS-18'],
    async run(context) {
      const { open, charged } = await openDeposited(context, 1n)
      await open.sendRefused(
        await open.channel.voucher(charged + open.price),
        `voucher of ${charged + open.price} on a channel holding ${open.price}`,
      )
    },
  }),

  serverCase({
    ...BATCH,
    id: 'server.batch.deposit-bad-authorization',
    title: 'A deposit whose ERC-3009 authorization signature is broken buys nothing and moves nothing',
    requirements: ['RS-31', 'RS-18'],
    async run(context) {
      const open = await openBatch(context)
      const payment = await open.channel.deposit(open.price * 10n, open.price, await context.devnet.now())
      const deposit = (
        payment.payload as { deposit: { authorization: { erc3009Authorization: { signature: string } } } }
      ).deposit.authorization.erc3009Authorization
      // Flip one byte of s: still 65 bytes, no longer the payer's signature.
      deposit.signature = `${deposit.signature.slice(0, 70)}${deposit.signature[70] === 'a' ? 'b' : 'a'}${deposit.signature.slice(71)}`
      await open.sendRefused(payment, 'deposit with a broken authorization signature')
      checkEqual(
        await context.devnet.usdcBalance(open.payer.address),
        open.payer.initialBalance,
        'tokens left the payer for a deposit it did not authorize',
        { spec: specOf('RS-18') },
      )
    },
  }),

  serverCase({
    ...BATCH,
    id: 'server.batch.refund',
    title:
      'A refund with the zero-charge voucher pays back exactly the unclaimed amount asked for, with the refund transaction and no charge',
    requirements: ['RS-46'],
    async run(context) {
      const { open, charged: deposited } = await openDeposited(context)
      let charged = deposited
      charged = await payNextVoucher(context, open, charged)
      const refund = open.price * 3n
      const before = await context.devnet.usdcBalance(open.payer.address)
      const response = await open.send(await open.channel.refund(charged, refund), `refund of ${refund}`)
      const spec = specOf('RS-46')
      check(response.status === 200, 'a valid refund request was not honoured', {
        expected: 'HTTP 200 with the refund receipt',
        seen: `HTTP ${response.status} ${response.body.slice(0, 200)}`,
        spec,
      })
      const receipt = receiptOf(response, 'the refund')
      checkEqual(receipt.success, true, 'the refund response does not say success', { spec })
      checkEqual(receipt.amount, `${refund}`, 'the refund response amount is not the refunded sum', { spec })
      check(receipt.chargedAmount === undefined, 'the refund response charges the request', {
        expected: 'no extra.chargedAmount (a refund is not a paid request)',
        seen: `${receipt.chargedAmount}`,
        spec,
      })
      check(receipt.channelState !== undefined, 'the refund response has no extra.channelState', {
        seen: show(receipt.raw.extra),
        spec,
      })
      checkEqual(
        (await context.devnet.usdcBalance(open.payer.address)) - before,
        refund,
        'the payer did not get back exactly the refund',
        { spec },
      )
      const state = await readChannelState(context.devnet.publicClient, open.channel.channelId)
      checkEqual(state.balance, open.price * 10n - refund, 'the channel balance did not drop by the refund', {
        spec,
      })
    },
  }),

  serverCase({
    ...BATCH,
    id: 'server.batch.refund-stale-voucher',
    title: 'A refund whose voucher is below what was charged gets the corrective 402 and moves nothing',
    requirements: ['RS-46', 'RS-31'],
    async run(context) {
      const { open, charged: deposited } = await openDeposited(context)
      let charged = deposited
      charged = await payNextVoucher(context, open, charged)
      const before = await context.devnet.usdcBalance(open.payer.address)
      const stale = charged - open.price
      const response = await open.sendRefused(
        await open.channel.refund(stale),
        `refund with a voucher of ${stale}`,
      )
      await expectCorrective(response, open, { charged }, 'the refund with a stale voucher')
      checkEqual(
        await context.devnet.usdcBalance(open.payer.address),
        before,
        'a refund on a stale voucher moved tokens',
        { spec: specOf('RS-46') },
      )
    },
  }),

  serverCase({
    ...BATCH,
    id: 'server.batch.unknown-channel-baseline',
    title:
      'On a channel it has no record of, the server counts from the on-chain totalClaimed: a voucher of totalClaimed + 1 buys nothing, totalClaimed + amount does',
    requirements: ['RS-31'],
    async run(context) {
      const open = await openBatch(context)
      await depositOnChain(context, open, open.price * 10n)
      const claimed = open.price * 3n
      await claimOnChain(context, open, claimed)
      const cheap = claimed + 1n
      const underpaid = await open.sendRefused(
        await open.channel.voucher(cheap),
        `voucher of ${cheap} on a channel with ${claimed} claimed, unknown to the server`,
      )
      await expectCorrective(underpaid, open, { charged: claimed }, 'the voucher one above totalClaimed')
      const fair = await open.send(
        await open.channel.voucher(claimed + open.price),
        `voucher of ${claimed + open.price}`,
      )
      context.expect.delivered(fair)
      expectCharged(receiptOf(fair, 'the voucher of totalClaimed + amount'), open, claimed, 'the voucher')
    },
  }),
]

/** One request of the cumulative-accounting property: which voucher ceiling the client sends. */
type VoucherMove = 'next' | 'replay' | 'short' | 'ahead'

/** Ceiling of `move` given what the server charged and the last ceiling it accepted. */
function ceilingOf(
  move: VoucherMove,
  charged: bigint,
  lastAccepted: bigint | undefined,
  price: bigint,
): bigint {
  switch (move) {
    case 'next':
      return charged + price
    case 'replay':
      return lastAccepted ?? charged + price - 1n
    case 'short':
      return charged + price - 1n
    case 'ahead':
      return charged + 2n * price
  }
}

export const batchPropertyCases = [
  serverCase({
    ...BATCH,
    id: 'server.property.batch-cumulative',
    title:
      'For any sequence of next, replayed, short and skipping vouchers, exactly the vouchers of chargedCumulativeAmount + amount are delivered, and the charges add up',
    requirements: ['RS-31', 'RS-45'],
    tags: ['batch', 'property'],
    async run(context) {
      // Enough for every delivery of every run (8 runs of at most 5 requests).
      const { open, charged: deposited } = await openDeposited(context, 64n)
      let charged = deposited
      let lastAccepted: bigint | undefined = open.price
      const moves = fc.array(fc.constantFrom<VoucherMove>('next', 'replay', 'short', 'ahead'), {
        minLength: 1,
        maxLength: 5,
      })
      // Runs share the channel: each run continues from the state the previous one left.
      await checkProperty(
        context,
        moves,
        async (sequence) => {
          for (const [index, move] of sequence.entries()) {
            const ceiling = ceilingOf(move, charged, lastAccepted, open.price)
            const response = await open.send(
              await open.channel.voucher(ceiling),
              `${move} voucher of ${ceiling}`,
            )
            const what = `request ${index + 1} (${move}, ceiling ${ceiling}, charged ${charged})`
            if (ceiling === charged + open.price) {
              check(isDelivery(response), `${what}: the expected voucher was not delivered`, {
                expected: 'HTTP 200',
                seen: `HTTP ${response.status}`,
                spec: specOf('RS-31'),
              })
              charged = expectCharged(receiptOf(response, what), open, charged, what)
              lastAccepted = ceiling
            } else {
              check(
                !isDelivery(response),
                `${what}: a voucher other than chargedCumulativeAmount + amount was delivered`,
                {
                  expected: `no delivery (the server expects ${charged + open.price})`,
                  seen: `HTTP ${response.status}`,
                  spec: specOf('RS-31'),
                },
              )
            }
          }
        },
        { numRuns: Math.min(context.numRuns, 8) },
      )
    },
  }),
]
