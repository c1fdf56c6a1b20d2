/**
 * Sends its signer's transactions without ordering them (no nonce management), over a slow RPC: each
 * send takes the pending nonce, so settles of different payers that overlap take the same one and all
 * but one fail with the node's "nonce too low".
 */
import { custom, http } from 'viem'
import { knownBad } from './defect.ts'

/** How long a broadcast takes to reach the node (a remote signer or RPC): the window two sends share. */
const BROADCAST_DELAY_MS = 150

export const noNonceManagement = knownBad({
  name: 'no-nonce-management',
  defect:
    "sends its signer's transactions concurrently, each with the pending nonce it read (no nonce management)",
  breaks: ['FA-56'],
  caughtBy: ['facilitator.settle.concurrent-payers'],
  errorsExpected: /failed on its own signer's transaction/,
  replace: {
    chain: {
      sends: { run: (_signer, work) => work() },
      transport: (rpcUrl) => {
        const node = http(rpcUrl)({ retryCount: 0 })
        return custom({
          async request({ method, params }) {
            if (method === 'eth_sendRawTransaction')
              await new Promise((resolve) => setTimeout(resolve, BROADCAST_DELAY_MS))
            return node.request({ method, params })
          },
        })
      },
    },
  },
})
