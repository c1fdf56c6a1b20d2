/**
 * Turns zod issues into `WireIssue`s with our path format and messages a report reader understands:
 * a missing field says "required field is missing", a wrong type says what was expected and what came.
 */
import type { z } from 'zod'
import { issue, type PathSegment, type WireIssue } from '../errors.ts'

/** Runs `schema` on `value` and returns every issue, paths prefixed with `prefix`. */
export function zodIssues(
  schema: z.ZodType,
  value: unknown,
  prefix: readonly PathSegment[] = [],
): WireIssue[] {
  const result = schema.safeParse(value, { reportInput: true })
  if (result.success) return []
  return result.error.issues.map((zi) => {
    const path = zi.path.filter((s): s is PathSegment => typeof s !== 'symbol')
    return convert(zi, value, path, [...prefix, ...path])
  })
}

function convert(
  zi: z.core.$ZodIssue,
  root: unknown,
  localPath: PathSegment[],
  fullPath: PathSegment[],
): WireIssue {
  const at = valueAt(root, localPath)
  switch (zi.code) {
    case 'invalid_type':
      if (!at.found)
        return issue(fullPath, 'missing', `required field is missing (expected ${article(zi.expected)})`)
      if (zi.expected === 'int') return issue(fullPath, 'format', `${zi.message}, got ${describe(at.value)}`)
      return issue(fullPath, 'type', `expected ${article(zi.expected)}, got ${describe(at.value)}`)
    case 'invalid_value':
      if (!at.found)
        return issue(fullPath, 'missing', `required field is missing (expected ${listValues(zi.values)})`)
      return issue(fullPath, 'value', `expected ${listValues(zi.values)}, got ${describe(at.value)}`)
    case 'too_small':
      if (zi.origin === 'array')
        return issue(
          fullPath,
          'value',
          `must have at least ${zi.minimum} entr${zi.minimum === 1 ? 'y' : 'ies'}`,
        )
      return issue(
        fullPath,
        zi.origin === 'string' ? 'format' : 'value',
        `${zi.message}, got ${describe(at.value)}`,
      )
    case 'invalid_format':
    case 'custom':
      return issue(fullPath, 'format', `${zi.message}, got ${describe(at.value)}`)
    case 'invalid_union':
      return issue(fullPath, 'type', `${zi.message}, got ${describe(at.value)}`)
    default:
      return issue(fullPath, 'value', zi.message)
  }
}

/** The value at `path` inside `root`, and whether it is there at all (absent ≠ null). */
export function valueAt(root: unknown, path: readonly PathSegment[]): { found: boolean; value: unknown } {
  let current: unknown = root
  for (const segment of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) {
      return { found: false, value: undefined }
    }
    current = (current as Record<PropertyKey, unknown>)[segment]
  }
  return { found: true, value: current }
}

/** A short description of a JSON value for messages: `the string "0x12"`, `the number 5`, `null`. */
export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  switch (typeof value) {
    case 'string':
      return `the string ${JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value)}`
    case 'number':
    case 'boolean':
    case 'bigint':
      return `the ${typeof value} ${String(value)}`
    case 'object':
      return 'an object'
    default:
      return typeof value
  }
}

/** zod's expected-type names as English: `a string`, `an object`, `an integer`. */
const EXPECTED: Readonly<Record<string, string>> = {
  object: 'an object',
  record: 'an object',
  array: 'an array',
  int: 'an integer',
}

function article(expected: string): string {
  return EXPECTED[expected] ?? `a ${expected}`
}

function listValues(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(' or ')
}

/** The value as a plain object, or `undefined`. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}

/** Calls `visit` for each entry of the array at `value[key]` with the entry's path. */
export function forEachEntry(
  value: unknown,
  key: string,
  visit: (entry: unknown, path: PathSegment[]) => void,
  prefix: readonly PathSegment[] = [],
): void {
  const list = asRecord(value)?.[key]
  if (!Array.isArray(list)) return
  for (const [index, entry] of list.entries()) visit(entry, [...prefix, key, index])
}
