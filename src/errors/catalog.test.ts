import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CATALOG, CATALOG_AREAS } from './catalog.js'
import { renderErrorsDoc } from './render-errors-doc.js'

const root = new URL('../..', import.meta.url).pathname

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : []
  })
}

// Codes appear in src as the first string argument of these calls or as `code: '...'`.
const USES =
  /(?:\b(?:deny|refused|requireControl|failure|WardenError)\((?:'[a-z_]+',\s*)?|\bcode:\s*)'([A-Z][A-Z0-9_]+)'/g

describe('error catalog', () => {
  it('has a meaning and a fix for every code, and no code in two areas', () => {
    const seen = new Set<string>()
    for (const codes of Object.values(CATALOG_AREAS)) {
      for (const [code, entry] of Object.entries(codes)) {
        expect(seen.has(code), code).toBe(false)
        seen.add(code)
        expect(entry.meaning.length, code).toBeGreaterThan(10)
        expect(entry.fix.length, code).toBeGreaterThan(5)
      }
    }
  })

  it('lists every code that src/ emits', () => {
    const missing: string[] = []
    for (const file of sourceFiles(join(root, 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(USES)) {
        const code = m[1] as string
        if (!Object.hasOwn(CATALOG, code)) missing.push(`${code} (${file.slice(root.length)})`)
      }
    }
    expect(missing).toEqual([])
  })

  it('matches docs/errors.md (run `npm run docs:errors` after changing a code)', () => {
    expect(readFileSync(join(root, 'docs/errors.md'), 'utf8')).toBe(renderErrorsDoc(CATALOG_AREAS))
  })
})
