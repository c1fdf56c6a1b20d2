/** A successful SettleResponse names the network in the other version's format. */
import { knownBad, rewritingSettlements } from './defect.ts'

export const wrongNetworkInResponse = knownBad({
  name: 'wrong-network-in-response',
  defect:
    "a successful SettleResponse's network is not the requirements' network (v1 name and CAIP-2 swapped)",
  breaks: ['FA-45'],
  caughtBy: ['facilitator.settle.valid'],
  replace: {
    wrap: rewritingSettlements((settlement) => {
      settlement.network = String(settlement.network).startsWith('eip155:') ? 'base-sepolia' : 'eip155:84532'
    }),
  },
})
