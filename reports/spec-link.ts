/** How the reports name and link a spec section. */
import type { RunReport, SpecRef } from '../harness/model/result.ts'

/** `file § section`, e.g. `specs/transports-v2/http.md § Error Handling`. */
export function specLocation(spec: SpecRef): string {
  const section = spec.section.replace(/^§\s*/, '').trim()
  return section === '' ? spec.file : `${spec.file} § ${section}`
}

/**
 * A link to the spec file at the pinned commit, when the repository is a GitHub `owner/name` or an
 * `https://github.com/owner/name` address; otherwise none (a report never links anywhere else).
 */
export function specUrl(spec: RunReport['spec'], ref: SpecRef): string | undefined {
  const match =
    /^(?:https:\/\/github\.com\/)?([A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}?)(?:\.git)?\/?$/.exec(
      spec.repository,
    )
  if (match === null || !/^[0-9a-fA-F]{7,40}$/.test(spec.commit)) return undefined
  const file = ref.file.replace(/^\/+/, '')
  if (!/^[A-Za-z0-9._/-]+$/.test(file) || file.includes('..')) return undefined
  return `https://github.com/${match[1]}/blob/${spec.commit}/${file}`
}
