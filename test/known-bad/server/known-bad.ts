/**
 * A known-bad resource server: the reference server with one step replaced (or one advertised value
 * overridden), breaking exactly one requirement, and the suite's case ids that must catch it (the case
 * fails, or warns for a SHOULD). The self-test fails if any listed case lets it through.
 */
import { DEVNET_PRIVATE_KEYS } from '../../../harness/devnet/roles.ts'
import {
  type ReferenceServerOptions,
  referenceServerTarget,
  startReferenceServer,
} from '../../../harness/reference/server/index.ts'
import type { TargetSpec } from '../../../harness/runner/fixture.ts'
import type { X402Version } from '../../../harness/wire/types.ts'
import { type BuiltinVariant, startBuiltinFacilitator } from '../../../suites/facilitator/builtin.ts'
import type { KnownBad } from '../known-bad.ts'

/**
 * A known-bad server: `replace` is the variation of the reference server (its steps, batch steps or
 * overrides). `caughtBy` applies at every version of `versions` a case runs at; `<id>@v<n>` limits an
 * entry to one version (where the built-in facilitator's own checks stop the other version).
 */
export interface KnownBadServer extends KnownBad<ReferenceServerOptions> {
  /** The versions it is run at. */
  versions: readonly X402Version[]
  /**
   * When the defect is in the pair: the server verifies and settles through a built-in facilitator of
   * its own with this variation (the facilitator's defect lets the server's go through).
   */
  facilitator?: Pick<BuiltinVariant, 'settlementCheck'>
}

/** Declares a known-bad server (a typed identity, so each file reads as data). */
export function knownBad(definition: KnownBadServer): KnownBadServer {
  return Object.freeze(definition)
}

/** The case ids that must catch `bad` at `version`. */
export function catchersAt(bad: KnownBadServer, version: X402Version): string[] {
  return bad.caughtBy.flatMap((entry) => {
    const [id, at] = entry.split('@v')
    return at === undefined || Number(at) === version ? [id!] : []
  })
}

/** A settlement signer of its own for a pair's facilitator, so it never races the built-in one's nonce. */
const PAIR_FACILITATOR_KEY = DEVNET_PRIVATE_KEYS[8]!

/** The target of `bad` at `version`: the reference server variant, with its own facilitator for a pair. */
export function knownBadServerTarget(bad: KnownBadServer, version: X402Version): TargetSpec {
  const label = `known-bad ${bad.name}`
  const pair = bad.facilitator
  if (pair === undefined) return referenceServerTarget(version, { ...bad.replace, label })
  return {
    kind: 'in-process',
    label,
    async create(environment) {
      const { PORT: _port, ...rest } = environment
      const facilitator = await startBuiltinFacilitator(
        { ...rest, X402_FACILITATOR_PRIVATE_KEY: PAIR_FACILITATOR_KEY },
        pair,
      )
      try {
        const server = await startReferenceServer(version, environment, {
          ...bad.replace,
          overrides: { ...bad.replace.overrides, facilitatorUrl: facilitator.url },
        })
        return {
          url: server.url,
          async stop() {
            await server.stop()
            await facilitator.stop()
          },
        }
      } catch (error) {
        await facilitator.stop()
        throw error
      }
    },
  }
}
