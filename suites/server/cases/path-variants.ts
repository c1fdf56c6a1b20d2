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
import { readChallenge } from '../challenge.ts'
import type { ServerContext } from '../context.ts'
import {
  decoyTarget,
  judgeVariant,
  pathVariants,
  type VariantAnswer,
  type VariantFinding,
} from '../path-variants.ts'
import { specOf } from '../spec.ts'

/** An unpaid answer, with the `accepts` of the challenge it carries (JSON text), if any. */
interface UnpaidAnswer extends VariantAnswer {
  accepts?: string
}

/** Sends `target` unpaid, as written; undefined when the server gave no answer. */
async function unpaid(
  context: ServerContext,
  target: string,
  label: string,
): Promise<UnpaidAnswer | undefined> {
  const origin = new URL(context.url).origin
  const result = await requestTarget(context.evidence, { origin, target, label })
  if (!result.ok) return undefined
  const reading = readChallenge(result.response)
  const challenge = context.version === 2 ? reading.v2 : reading.v1
  const accepts = challenge?.ok ? JSON.stringify(challenge.value.accepts) : undefined
  return {
    status: result.response.status,
    body: result.response.body,
    ...(accepts === undefined ? {} : { accepts }),
  }
}

/** For a 402: whether it carries the canonical path's terms (the variant reached the same paid route). */
function sameRoute(answer: UnpaidAnswer | undefined, canonical: UnpaidAnswer): boolean | undefined {
  if (answer?.status !== 402) return undefined
  return answer.accepts !== undefined && answer.accepts === canonical.accepts
}

export const pathVariantCases = [
  serverCase({
    id: 'server.paywall.path-variants',
    title:
      'The paid resource stays paywalled under encoded, dot-segment, case, slash and absolute-form spellings of its path',
    requirements: ['RS-56'],
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
        /** For a 402: whether it carries the canonical path's terms (the same paid route). */
        sameTerms?: boolean
      }[] = []
      for (const variant of pathVariants(context.url)) {
        const answer = await unpaid(context, variant.target, `${variant.name} variant, unpaid`)
        const same = sameRoute(answer, canonical)
        findings.push({
          ...variant,
          status: answer?.status ?? 'no answer',
          finding: judgeVariant(answer, decoy),
          ...(same === undefined ? {} : { sameTerms: same }),
        })
      }
      const named = (finding: VariantFinding) =>
        findings
          .filter((item) => item.finding === finding)
          .map((item) => `${item.name} ${JSON.stringify(item.target)} → ${item.status}`)
      context.note(
        `path variants: ${named('paywalled').length} paywalled, ${named('bypass').length} served unpaid, ${named('not-routed').length} not routed (decoy path answered ${decoy?.status ?? 'nothing'}; ${findings.filter((item) => item.sameTerms === true).length} of the 402s carry the canonical path's terms)`,
        findings,
      )

      const bypasses = named('bypass')
      check(
        bypasses.length === 0,
        `the paid resource was served unpaid under ${bypasses.length} spelling(s) of its path`,
        {
          expected: 'HTTP 402 (or any answer without the resource) for every spelling of the paid path',
          seen: bypasses.join('; '),
          spec: specOf('RS-56'),
        },
      )
      if (named('paywalled').length === 0)
        info(
          `no spelling of the paid path reached the paid route (not routed: ${named('not-routed').join('; ')})`,
        )
    },
  }),
]
