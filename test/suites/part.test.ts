/**
 * Splitting a self-test across files loses nothing: the parts of a list are disjoint and together the
 * whole list, and every file split into N parts has its part files 2…N, each importing it.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { currentPart, partOf, runPart } from './part.ts'

const HERE = dirname(fileURLToPath(import.meta.url))

/** Every `*.test.ts` under test/suites, relative to it. */
function testFiles(dir = HERE, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? testFiles(join(dir, entry.name), `${prefix}${entry.name}/`)
      : entry.name.endsWith('.test.ts')
        ? [`${prefix}${entry.name}`]
        : [],
  )
}

describe('split self-tests', () => {
  it('the parts of a list are disjoint and cover it, in any split', () => {
    for (const length of [0, 1, 5, 28, 29]) {
      const items = Array.from({ length }, (_, index) => index)
      for (const of of [1, 2, 3, 4, 7]) {
        const parts = Array.from({ length: of }, (_, index) => partOf(items, { index: index + 1, of }))
        expect(
          parts.flat().sort((a, b) => a - b),
          `${length} items in ${of}`,
        ).toEqual(items)
        expect(
          Math.max(...parts.map((part) => part.length)) - Math.min(...parts.map((part) => part.length)),
        ).toBeLessThanOrEqual(1)
      }
    }
  })

  it('the split file itself is part 1; a part file names a later part of the same split', async () => {
    expect(currentPart(4)).toEqual({ index: 1, of: 4 })
    await expect(runPart({ index: 1, of: 4 }, async () => {})).rejects.toThrow(/part 2 or later/)
    await expect(runPart({ index: 5, of: 4 }, async () => {})).rejects.toThrow(/part 2 or later/)
    let seen: unknown
    await runPart({ index: 3, of: 4 }, async () => {
      seen = currentPart(4)
    })
    expect(seen).toEqual({ index: 3, of: 4 })
    expect(() => currentPart(2)).toThrow(/split into 2/)
  })

  it('every split file has all its part files, and each imports it', () => {
    const files = testFiles()
    const split = files.flatMap((file) => {
      const match = /const PART = currentPart\((\d+)\)/.exec(readFileSync(join(HERE, file), 'utf8'))
      return match ? [{ file, of: Number(match[1]) }] : []
    })
    expect(split.length).toBeGreaterThan(0)
    for (const { file, of } of split) {
      for (let index = 2; index <= of; index++) {
        const partFile = file.replace(/\.test\.ts$/, `.part${index}.test.ts`)
        expect(files, `${file} is split into ${of}`).toContain(partFile)
        const text = readFileSync(join(HERE, partFile), 'utf8')
        expect(text).toContain(`runPart({ index: ${index}, of: ${of} }`)
        expect(text).toContain(`import('./${basename(file)}')`)
      }
      expect(files).not.toContain(file.replace(/\.test\.ts$/, `.part${of + 1}.test.ts`))
    }
  })
})
