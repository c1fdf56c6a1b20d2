/** How the reports name and link a spec section. */
import type { RunReport, SpecRef } from '../harness/model/result.ts'

/** `file § section`, e.g. `specs/transports-v2/http.md § Error Handling`. */
export function specLocation(spec: SpecRef): string {
  const section = spec.section.replace(/^§\s*/, '').trim()
  return section === '' ? spec.file : `${spec.file} § ${section}`
}

const GITHUB_REPOSITORY =
  /^(?:https:\/\/github\.com\/)?([A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}?)(?:\.git)?\/?$/

/**
 * A link to the spec file at the commit it was read at (the reference's own `source`, else the run's
 * pinned spec), when the repository is a GitHub `owner/name` or `https://github.com/owner/name` address;
 * otherwise none (a report never links anywhere else).
 */
export function specUrl(spec: RunReport['spec'], ref: SpecRef): string | undefined {
  const { repository, commit } = ref.source ?? spec
  const match = GITHUB_REPOSITORY.exec(repository)
  if (match === null || !/^[0-9a-fA-F]{7,40}$/.test(commit)) return undefined
  const file = ref.file.replace(/^\/+/, '')
  if (!/^[A-Za-z0-9._/-]+$/.test(file) || file.split('/').includes('..')) return undefined
  return `https://github.com/${match[1]}/blob/${commit}/${file}`
}
