/**
 * report.schema.json matches the `RunReport` type exactly: the TypeScript checker walks the type from
 * harness/model/result.ts and the schema side by side (property names, which are required, literal enums,
 * arrays, maps, evidence variants by `kind`). A field added to the type without the schema fails here.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { REPORT_SCHEMA_URL } from '../../reports/json.ts'

type Schema = Record<string, unknown> | boolean

const root = JSON.parse(readFileSync(REPORT_SCHEMA_URL, 'utf8')) as Record<string, unknown>
const resultFile = fileURLToPath(new URL('../../harness/model/result.ts', import.meta.url))

function resolve(schema: Schema): Schema {
  let node = schema
  while (typeof node === 'object' && typeof node.$ref === 'string') {
    const name = node.$ref.replace('#/$defs/', '')
    node = (root.$defs as Record<string, Schema>)[name]!
  }
  return node
}

function loadType(): { checker: ts.TypeChecker; type: ts.Type } {
  const program = ts.createProgram([resultFile], {
    strict: true,
    noEmit: true,
    allowImportingTsExtensions: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2023,
  })
  const checker = program.getTypeChecker()
  const module = checker.getSymbolAtLocation(program.getSourceFile(resultFile)!)!
  const symbol = checker.getExportsOfModule(module).find((s) => s.name === 'RunReport')!
  return { checker, type: checker.getDeclaredTypeOfSymbol(symbol) }
}

/** Compares a type with a schema; returns the differences found, with their paths. */
function compare(checker: ts.TypeChecker, type: ts.Type, schema: Schema, path: string, out: string[]): void {
  const node = resolve(schema)
  const members = type.isUnion() ? type.types.filter((t) => !(t.flags & ts.TypeFlags.Undefined)) : [type]
  if (node === true || (typeof node === 'object' && Object.keys(node).length === 0)) {
    if (!(type.flags & ts.TypeFlags.Unknown))
      out.push(`${path}: schema accepts anything, type is ${checker.typeToString(type)}`)
    return
  }
  if (typeof node !== 'object') return void out.push(`${path}: schema is false`)

  if (Array.isArray(node.oneOf)) {
    const variants = (node.oneOf as Schema[]).map(resolve) as Record<
      string,
      Record<string, Record<string, unknown>>
    >[]
    const kinds = variants.map((v) => v.properties?.kind?.const)
    const typeKinds = members.map((m) => {
      const kind = m.getProperty('kind')
      return kind === undefined ? undefined : (checker.getTypeOfSymbol(kind) as ts.StringLiteralType).value
    })
    if ([...kinds].sort().join() !== [...typeKinds].sort().join()) {
      out.push(`${path}: variants ${kinds.join(',')} vs type kinds ${typeKinds.join(',')}`)
    }
    members.forEach((member, i) => {
      const variant = variants[kinds.indexOf(typeKinds[i])]
      if (variant !== undefined) compare(checker, member, variant, `${path}<${typeKinds[i]}>`, out)
    })
    return
  }
  if ('const' in node || Array.isArray(node.enum)) {
    const allowed = 'const' in node ? [node.const] : (node.enum as unknown[])
    const literals = members.map((m) => (m.isLiteral() ? m.value : checker.typeToString(m)))
    if ([...allowed].map(String).sort().join() !== literals.map(String).sort().join()) {
      out.push(`${path}: schema ${JSON.stringify(allowed)} vs type ${JSON.stringify(literals)}`)
    }
    return
  }
  const single = members.length === 1 ? members[0]! : undefined
  switch (node.type) {
    case 'string':
      if (single === undefined || !(single.flags & ts.TypeFlags.String))
        out.push(`${path}: type is not string`)
      return
    case 'number':
    case 'integer':
      if (single === undefined || !(single.flags & ts.TypeFlags.Number))
        out.push(`${path}: type is not number`)
      return
    case 'array': {
      if (single === undefined || !checker.isArrayType(single))
        return void out.push(`${path}: type is not an array`)
      const element = checker.getTypeArguments(single as ts.TypeReference)[0]!
      compare(checker, element, node.items as Schema, `${path}[]`, out)
      return
    }
    case 'object': {
      if (single === undefined) return void out.push(`${path}: type is a union, schema an object`)
      const properties = (node.properties ?? {}) as Record<string, Schema>
      const required = new Set((node.required ?? []) as string[])
      const typeProperties = checker.getPropertiesOfType(single)
      const index = checker.getIndexTypeOfType(single, ts.IndexKind.String)
      if (typeof node.additionalProperties === 'object') {
        if (index === undefined) return void out.push(`${path}: schema is a map, type has no string index`)
        compare(checker, index, node.additionalProperties as Schema, `${path}{}`, out)
        return
      }
      if (typeProperties.length === 0 && Object.keys(properties).length === 0) return // Record<string, unknown>
      const names = typeProperties.map((p) => p.name)
      for (const name of names)
        if (!(name in properties)) out.push(`${path}.${name}: in the type, not in the schema`)
      for (const name of Object.keys(properties))
        if (!names.includes(name)) out.push(`${path}.${name}: in the schema, not in the type`)
      if (node.additionalProperties !== false) out.push(`${path}: schema allows additional properties`)
      for (const property of typeProperties) {
        const optional = (property.flags & ts.SymbolFlags.Optional) !== 0
        if (optional === required.has(property.name)) {
          out.push(
            `${path}.${property.name}: ${optional ? 'optional' : 'required'} in the type, not in the schema`,
          )
        }
        const schemaProperty = properties[property.name]
        if (schemaProperty !== undefined) {
          compare(checker, checker.getTypeOfSymbol(property), schemaProperty, `${path}.${property.name}`, out)
        }
      }
      return
    }
    default:
      out.push(
        `${path}: schema node without a type the test understands: ${JSON.stringify(node).slice(0, 80)}`,
      )
  }
}

describe('report.schema.json against harness/model/result.ts', () => {
  it('has exactly the fields, optionality, enums and evidence variants of RunReport', () => {
    const { checker, type } = loadType()
    const differences: string[] = []
    compare(checker, type, root, 'RunReport', differences)
    expect(differences).toEqual([])
  })
})
