/**
 * GET /supported (spec §7.3): the response's shape per version, and the `signers` it lists are the
 * addresses that really send settlement transactions.
 */
import { isAddressEqual } from 'viem'
import { check, show, skip } from '../../../harness/model/expect.ts'
import { CheckFailure } from '../../../harness/model/verdict.ts'
import { checkSupported } from '../../../harness/wire/index.ts'
import type { SupportedResponse } from '../../../harness/wire/types.ts'
import { describeAnswer, isRecord } from '../api.ts'
import { facilitatorCase } from '../context.ts'
import { refs } from '../verdicts.ts'

/** /supported answers JSON of the version's shape, listing `exact` on this devnet's network. */
export const supportedShape = facilitatorCase({
  id: 'facilitator.supported.shape',
  title: "GET /supported answers the version's SupportedResponse and lists exact on the devnet's network",
  requirements: ['FA-1', 'FA-5', 'FA-36'],
  level: 'schema',
  async run({ facilitator, devnet, version }) {
    const answer = await facilitator.supported()
    const spec = refs(version === 1 ? 'FA-36' : 'FA-5')
    if (answer.status !== 200 || answer.body === undefined) {
      throw new CheckFailure('GET /supported did not answer a SupportedResponse', {
        expected: 'HTTP 200 with {"kinds": [...]}',
        seen: describeAnswer(answer),
        spec: [...refs('FA-1'), ...spec],
      })
    }
    const body = answer.body
    const kinds: unknown[] = body.kinds
    // A facilitator serving both versions answers in the v2 shape; a v1-only one in the v1 shape.
    const servesV2 = kinds.some((kind) => isRecord(kind) && kind.x402Version === 2)
    const checked: SupportedResponse =
      version === 1 && servesV2
        ? {
            kinds: kinds.filter(
              (kind) => isRecord(kind) && kind.x402Version === 1,
            ) as SupportedResponse['kinds'],
          }
        : body
    const result = checkSupported(checked, version)
    if (!result.ok) {
      throw new CheckFailure("the SupportedResponse does not have the spec's shape", {
        expected:
          version === 1
            ? '{kinds: [{x402Version: 1, scheme, network (v1 name)}]}'
            : '{kinds, extensions, signers}',
        seen: result.issues.map((issue) => `${issue.path || '(body)'}: ${issue.message}`).join('; '),
        spec,
      })
    }
    const network = version === 1 ? devnet.preset.networkV1 : devnet.preset.network
    const listed = kinds.some(
      (kind) =>
        isRecord(kind) && kind.x402Version === version && kind.scheme === 'exact' && kind.network === network,
    )
    check(listed, `/supported does not list exact for x402 v${version} on ${network}`, {
      expected: `a kind {x402Version: ${version}, scheme: "exact", network: "${network}"}`,
      seen: show(kinds),
      spec,
    })
  },
})

/** The addresses in `signers` are the ones that send settlement transactions on the network. */
export const supportedSigners = facilitatorCase({
  id: 'facilitator.supported.signers',
  title: 'The settlement transaction is sent from an address /supported lists in signers for the network',
  requirements: ['FA-38'],
  tags: ['chain'],
  async run({ facilitator, payments, chain, devnet }) {
    const deal = await payments.deal()
    const settled = await facilitator.settle(deal.request)
    const hash = settled.body?.success === true ? settled.body.transaction : undefined
    const mined =
      typeof hash === 'string' && hash !== '' ? await chain.transaction(hash, 'settlement') : undefined
    const sender = mined?.status === 'success' ? mined.from : undefined
    // Settling itself is judged by facilitator.settle.valid; without a transaction there is nothing to compare.
    if (sender === undefined)
      skip(`no settlement transaction to compare the signers with: ${describeAnswer(settled)}`)
    const answer = await facilitator.supported('supported (signers)')
    const signers = isRecord(answer.json) && isRecord(answer.json.signers) ? answer.json.signers : {}
    const network = devnet.preset.network
    const listed = Object.entries(signers)
      .filter(([pattern]) => patternMatches(pattern, network))
      .flatMap(([, addresses]) => (Array.isArray(addresses) ? addresses : []))
      .filter(
        (address): address is `0x${string}` =>
          typeof address === 'string' && /^0x[0-9a-fA-F]{40}$/.test(address),
      )
    check(
      listed.some((address) => isAddressEqual(address, sender)),
      'the settlement was sent by an address /supported does not list',
      {
        expected: `${sender} in signers for ${network}`,
        seen: show(signers),
        spec: refs('FA-38'),
      },
    )
  },
})

/** Whether a `signers` key (a CAIP-2 id or a `namespace:*` pattern) covers `network`. */
export function patternMatches(pattern: string, network: string): boolean {
  if (pattern === network) return true
  return pattern.endsWith(':*') && network.startsWith(pattern.slice(0, -1))
}
