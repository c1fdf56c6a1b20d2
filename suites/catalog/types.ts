/**
 * The shape of the requirement catalogue: one `Requirement` per statement of the x402 spec that a
 * black box can check. Cases point at requirement ids; the report shows which requirements have cases.
 */
import type { Level, Role, SpecRef } from '../../harness/model/result.ts'
import type { X402Version } from '../../harness/wire/types.ts'

/**
 * Who the statement binds. `any` is a cross-cutting rule every role's messages must obey. The MCP
 * roles are a transport of the server and client roles: their requirements are `server`/`client` ones.
 */
export type RequirementRole = Exclude<Role, 'mcp-server' | 'mcp-client'> | 'any'

/**
 * Where the level comes from, so a spec maintainer can see how literal the catalogue is:
 * - `keyword`: the text uses MUST/SHOULD/MAY (any case) in a sentence;
 * - `schema-table`: a schema table marks the field Required (level `schema`);
 * - `mechanism`: a declarative sentence describing how the protocol works ("Clients send ... using ...");
 * - `error-table`: the HTTP transport's error-to-status table;
 * - `example`: shown only in a normative example;
 * - `implied`: follows from the above (e.g. a security property of the flow), not written down as such.
 */
export type Basis = 'keyword' | 'schema-table' | 'mechanism' | 'error-table' | 'example' | 'implied'

/** `now`: the suite covers it; `later`: out of scope by design for now (reason given). */
export type Scope = 'now' | 'later'

/** A git snapshot a spec file was read at. */
export interface SpecSource {
  /** Repository URL, e.g. `https://github.com/coinbase/x402`. */
  repository: string
  /** Full 40-hex commit. */
  commit: string
}

/**
 * A file and section of the spec. Without `source`, it was read at the catalogue's pinned commit
 * (`SPEC`); with it, at that newer snapshot (used only where a newer foundation file is the source).
 */
export interface SpecCitation extends SpecRef {
  source?: SpecSource
}

/** The reference SDKs whose behaviour the catalogue records. */
export type SdkId =
  | '@x402/* 2.27'
  | '@x402/* 2.10'
  | 'x402 1.2'
  | 'x402-express 1.2'
  | 'go'
  | 'python'
  | 'e2e facilitator'

/** Where a reference SDK departs from the spec, and what the suite does about it. */
export interface Deviation {
  sdks: readonly SdkId[]
  /** What the SDKs do. */
  behaviour: string
  /** Which behaviour the suite holds to (and so which outcome the SDKs get). */
  suiteHolds: string
  /** Why the suite holds to that. */
  why: string
  /** Issues and PRs, as `owner/repo#n`. */
  refs?: readonly string[]
}

/** A catalogue entry as a module declares it. */
export interface RequirementInput {
  /** Permanent id: `RS-n` (server), `CL-n` (client), `FA-n` (facilitator), `X-n` (any). Never reused. */
  id: string
  level: Level
  role: RequirementRole
  /** The x402 versions it applies to. */
  versions: readonly X402Version[]
  /** One sentence, a paraphrase of the spec. */
  statement: string
  /** A short exact quote of the spec, where the wording matters. */
  quote?: string
  spec: SpecCitation
  /** Other places that state the same thing (the v1 twin of a v2 section, a scheme file, ...). */
  seeAlso?: readonly SpecCitation[]
  basis: Basis
  /**
   * Error reason codes (`invalidReason` / `errorReason`) a case accepts for this failure: the spec's
   * code plus the reference SDKs' variants. Every code comes from the lists in `reason-codes.ts`.
   */
  acceptedReasons?: readonly string[]
  /** HTTP statuses a case accepts, where the requirement is about a status. */
  acceptedStatus?: readonly number[]
  deviations?: readonly Deviation[]
  /** Defaults to `now`. */
  scope?: Scope
  /** Required when `scope` is `later`: why it is not covered yet. */
  scopeReason?: string
  tags?: readonly string[]
}

/** A catalogue entry after loading: validated, frozen, with `scope` filled in. */
export interface Requirement extends Readonly<Omit<RequirementInput, 'scope'>> {
  readonly scope: Scope
}
