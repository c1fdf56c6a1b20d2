/**
 * Arguments for a tool the suite knows only by its listing: one value per required property of its
 * inputSchema, of the declared type (a server checks arguments before payment, so a call with none
 * could be refused for that instead of asking for payment). `--arguments` overrides this.
 */
import { isJsonObject, type JsonObject } from '../../harness/transports/mcp/types.ts'

const SAMPLES: Readonly<Record<string, unknown>> = {
  string: 'London',
  number: 1,
  integer: 1,
  boolean: true,
  array: [],
  object: {},
}

/** Example arguments satisfying `inputSchema`'s required properties. */
export function exampleArguments(inputSchema: unknown): JsonObject {
  if (!isJsonObject(inputSchema) || !isJsonObject(inputSchema.properties)) return {}
  const required = Array.isArray(inputSchema.required) ? inputSchema.required : []
  const args: JsonObject = {}
  for (const name of required) {
    if (typeof name !== 'string') continue
    const property = inputSchema.properties[name]
    const type = isJsonObject(property) ? property.type : undefined
    const enumValues = isJsonObject(property) && Array.isArray(property.enum) ? property.enum : undefined
    args[name] = enumValues?.[0] ?? SAMPLES[typeof type === 'string' ? type : 'string'] ?? 'London'
  }
  return args
}
