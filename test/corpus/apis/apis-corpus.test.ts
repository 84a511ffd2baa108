import { describe, expect, it } from 'vitest'
import { apisPermissionsSchema } from '../../../src/config/schema.js'
import { isKnownCode } from '../../../src/errors/catalog.js'
import { checkHttpRequest, compileApisPolicy } from '../../../src/policy/apis/apis-policy.js'
import { readJsonLines } from '../corpus.js'

interface Case {
  name: string
  permissions: { apis: unknown }
  tool: string
  args: { method?: unknown; url?: unknown }
  expect: 'allow' | 'deny'
  code?: string
}

const cases = readJsonLines<Case>(new URL('./cases.jsonl', import.meta.url))

describe('apis corpus (test/corpus/apis/cases.jsonl) against the library', () => {
  it('holds at least 100 uniformly shaped cases with unique names and catalogued codes', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100)
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length)
    for (const c of cases) {
      const keys = Object.keys(c).filter((k) => k !== 'code')
      expect(keys.sort(), c.name).toEqual(['args', 'expect', 'name', 'permissions', 'tool'])
      expect(Object.keys(c.permissions), c.name).toEqual(['apis'])
      expect(c.tool).toBe('http.request')
      expect(['allow', 'deny']).toContain(c.expect)
      if (c.expect === 'deny') expect(c.code !== undefined && isKnownCode(c.code), c.name).toBe(true)
    }
    expect(cases.filter((c) => c.expect === 'allow').length).toBeGreaterThanOrEqual(20)
  })

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const policy = compileApisPolicy(apisPermissionsSchema.parse(c.permissions.apis), ['apis'])
    const result = checkHttpRequest(policy, c.args.method, c.args.url)
    expect(result.allowed ? 'allow' : 'deny').toBe(c.expect)
    if (!result.allowed) expect(result.code).toBe(c.code)
  })
})
