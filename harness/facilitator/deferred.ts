/**
 * The facilitator's port served before the facilitator itself is loaded: the `devnet` command prints
 * the URL as soon as the chain is up and loads viem and the facilitator after; a request that arrives
 * in between waits for it (a few hundred ms at most) instead of being refused.
 */
import { type FacilitatorServer, type ServeOptions, serveFacilitator } from './http.ts'
import type { FacilitatorService } from './service.ts'

export async function serveDeferred(
  load: Promise<FacilitatorService>,
  options: ServeOptions = {},
): Promise<FacilitatorServer> {
  const service: FacilitatorService = { answer: async (request) => (await load).answer(request) }
  return serveFacilitator(service, options)
}
