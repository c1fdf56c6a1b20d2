/**
 * The real published paying clients: `@x402/fetch` 2.27 (v2, with v1 registered too) and
 * `x402-fetch` 1.2 (v1). Their viem clients point at the devnet only. Each SDK is loaded when it is
 * first used: the client commands run once per payment, and loading both (x402-fetch alone is about
 * 0.4 s of CPU) would double the start-up of every `@x402/fetch` run.
 */
import type { Chain, Hex } from 'viem'

/** What a client reports after one paid request (the DESIGN.md client contract). */
export interface ClientOutcome {
  success: boolean
  status: number
  body: string
  paymentResponse?: unknown
}

/** The outcome of a paid `response`; `decode` reads its settlement `header` when there is one. */
export async function paidOutcome(
  response: Response,
  header: string | null,
  decode: (header: string) => unknown,
): Promise<ClientOutcome> {
  return {
    success: response.ok,
    status: response.status,
    body: await response.text(),
    ...(header ? { paymentResponse: decode(header) } : {}),
  }
}

export async function payWithSdkClientV2(url: string, privateKey: Hex): Promise<ClientOutcome> {
  const [
    { registerExactEvmScheme },
    { decodePaymentResponseHeader, wrapFetchWithPayment, x402Client },
    { privateKeyToAccount },
  ] = await Promise.all([import('@x402/evm/exact/client'), import('@x402/fetch'), import('viem/accounts')])
  const client = new x402Client()
  registerExactEvmScheme(client, { signer: privateKeyToAccount(privateKey) })
  const fetchWithPayment = wrapFetchWithPayment(fetch, client)
  const response = await fetchWithPayment(url, { method: 'GET' })
  // @x402/fetch also pays v1 challenges, whose settlement comes back in X-PAYMENT-RESPONSE.
  const header = response.headers.get('PAYMENT-RESPONSE') ?? response.headers.get('X-PAYMENT-RESPONSE')
  return paidOutcome(response, header, decodePaymentResponseHeader)
}

export async function payWithSdkClientV1(url: string, privateKey: Hex, chain: Chain): Promise<ClientOutcome> {
  const [{ createWalletClient, http, publicActions }, { privateKeyToAccount }, x402Fetch] = await Promise.all(
    [import('viem'), import('viem/accounts'), import('x402-fetch')],
  )
  const { decodeXPaymentResponse, wrapFetchWithPayment: wrapFetchWithPaymentV1 } = x402Fetch
  const walletClient = createWalletClient({
    account: privateKeyToAccount(privateKey),
    chain,
    transport: http(chain.rpcUrls.default.http[0]),
  }).extend(publicActions)
  const fetchWithPayment = wrapFetchWithPaymentV1(fetch, walletClient)
  const response = await fetchWithPayment(url, { method: 'GET' })
  return paidOutcome(response, response.headers.get('X-PAYMENT-RESPONSE'), decodeXPaymentResponse)
}
