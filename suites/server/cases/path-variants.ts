/**
 * The paywall holds for every spelling of the paid path (core v2 §2 "Core Payment Flow": without a valid
 * payment the server answers with the payment required signal). The suite sends each variant of
 * ../path-variants.ts unpaid, as written, and reads the answer: 402 is the paywall holding; 2xx with
 * content is the paid resource served unpaid (a bypass), unless a path nothing routes gets the same
 * 2xx (a catch-all); anything else means the variant did not reach the paid route, which is no bypass
 * but no evidence either, so the note lists those variants and a server that routes none is `info`.
 */
import { randomBytes } from 'node:crypto'
import { requestTarget } from '../../../harness/http/request-target.ts'
import { check, info, skip } from '../../../harness/model/expect.ts'
import { serverCase } from '../case.ts'
import type { ServerContext } from '../context.ts'
import {
  decoyTarget,
  judgeVariant,
  pathVariants,
  type VariantAnswer,
  type VariantFinding,
} from '../path-variants.ts'
import { specOf } from '../spec.ts'

/** Sends `target` unpaid, as written; undefined when the server gave no answer. */
async function unpaid(
  context: ServerContext,
  target: string,
  label: string,
): Promise<VariantAnswer | undefined> {
  const result = await requestTarget(context.evidence, { origin: new URL(context.url).origin, target, label })
  return result.ok ? { status: result.response.status, body: result.response.body } : undefined
}

export const pathVariantCases = [
  serverCase({
    id: 'server.paywall.path-variants',
    title:
      'The paid resource stays paywalled under encoded, dot-segment, case, slash and absolute-form spellings of its path',
    versions: [1, 2],
    requirements: ['RS-59'],
    level: 'MUST',
    tags: ['paywall'],
    async run(context) {
      const parsed = new URL(context.url)
      const canonical = await unpaid(context, `${parsed.pathname}${parsed.search}`, 'canonical path, unpaid')
      if (canonical?.status !== 402)
        skip(
          `the paid path itself is not answered 402 unpaid (HTTP ${canonical?.status ?? 'no answer'}; server.challenge.status judges that)`,
        )
      const decoy = await unpaid(
        context,
        decoyTarget(context.url, randomBytes(6).toString('hex')),
        'decoy path, unpaid',
      )

      const findings: {
        name: string
        target: string
        status: number | 'no answer'
        finding: VariantFinding
      }[] = []
      for (const variant of pathVariants(context.url)) {
        const answer = await unpaid(context, variant.target, `${variant.name} variant, unpaid`)
        findings.push({
          ...variant,
          status: answer?.status ?? 'no answer',
          finding: judgeVariant(answer, decoy),
        })
      }
      const named = (finding: VariantFinding) =>
        findings
          .filter((item) => item.finding === finding)
          .map((item) => `${item.name} ${JSON.stringify(item.target)} → ${item.status}`)
      context.note(
        `path variants: ${named('paywalled').length} paywalled, ${named('bypass').length} served unpaid, ${named('not-routed').length} not routed (decoy path answered ${decoy?.status ?? 'nothing'})`,
        findings,
      )

      const bypasses = named('bypass')
      check(
        bypasses.length === 0,
        `the paid resource was served unpaid under ${bypasses.length} spelling(s) of its path`,
        {
          expected: 'HTTP 402 (or any answer without the resource) for every spelling of the paid path',
          seen: bypasses.join('; '),
          spec: specOf('RS-59'),
        },
      )
      if (named('paywalled').length === 0)
        info(
          `no spelling of the paid path reached the paid route (not routed: ${named('not-routed').join('; ')})`,
        )
    },
  }),
]
