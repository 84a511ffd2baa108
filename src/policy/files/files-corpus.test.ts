import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { filesPermissionsSchema } from '../../config/schema.js'
import { isKnownCode } from '../../errors/catalog.js'
import { checkFileAccess, compileFilesPolicy, type FileOperation } from './files-policy.js'

// test/corpus/files/cases.jsonl (the team's uniform corpus format) run against this library directly;
// test/corpus/corpus.test.ts runs the same cases through the whole engine and the CLI.
interface FilesCase {
  readonly name: string
  readonly permissions: { readonly files: unknown }
  readonly tool: string
  readonly args: Readonly<Record<string, unknown>>
  readonly expect: 'allow' | 'deny'
  readonly code?: string
}

const file = new URL('../../../test/corpus/files/cases.jsonl', import.meta.url)
const cases = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line, i) => ({ line: i + 1, ...(JSON.parse(line) as FilesCase) }))
const TOOLS = new Set(['files.read', 'files.write', 'files.delete', 'files.list'])

describe('files corpus', () => {
  it('has at least 100 well-formed cases, both allowed and denied', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100)
    expect(cases.filter((c) => c.expect === 'allow').length).toBeGreaterThan(30)
    expect(cases.filter((c) => c.expect === 'deny').length).toBeGreaterThan(30)
    for (const c of cases) {
      expect(Object.keys(c).sort(), `line ${c.line}`).toEqual(
        ['args', 'code', 'expect', 'line', 'name', 'permissions', 'tool'].filter(
          (k) => k !== 'code' || 'code' in c,
        ),
      )
      expect(TOOLS.has(c.tool), `line ${c.line}`).toBe(true)
      if (c.tool === 'files.write') expect(typeof c.args['content'], `line ${c.line}`).toBe('string')
      if (c.code !== undefined) expect(isKnownCode(c.code), `line ${c.line} ${c.code}`).toBe(true)
    }
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length)
  })

  it('decides every case as expected, with the expected code', () => {
    const wrong: string[] = []
    for (const c of cases) {
      const perms = filesPermissionsSchema.parse(c.permissions.files)
      const policy = compileFilesPolicy(perms, ['agents', `line${c.line}`, 'permissions', 'files'])
      const result = checkFileAccess(policy, c.tool.slice('files.'.length) as FileOperation, c.args['path'])
      const got = result.allowed ? 'allow' : 'deny'
      if (got !== c.expect)
        wrong.push(`line ${c.line} ${c.name}: expected ${c.expect}, got ${JSON.stringify(result)}`)
      else if (!result.allowed && c.code !== undefined && result.code !== c.code) {
        wrong.push(`line ${c.line} ${c.name}: expected ${c.code}, got ${result.code}`)
      }
    }
    expect(wrong).toEqual([])
  })
})
