import { describe, expect, it } from 'vitest'
import { toolsPermissionsSchema } from '../../../src/config/schema.js'
import { isKnownCode } from '../../../src/errors/catalog.js'
import { checkToolCall, compileToolsPolicy } from '../../../src/policy/tools/tools-policy.js'
import { readJsonLines } from '../corpus.js'

interface Case {
  name: string
  permissions: { tools: unknown }
  tool: string
  args: Record<string, unknown>
  expect: 'allow' | 'deny'
  code?: string
}

const cases = readJsonLines<Case>(new URL('./cases.jsonl', import.meta.url))

describe('tools corpus (test/corpus/tools/cases.jsonl) against the library', () => {
  it('holds at least 40 uniformly shaped cases with unique names and catalogued codes', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40)
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length)
    for (const c of cases) {
      const keys = Object.keys(c).filter((k) => k !== 'code')
      expect(keys.sort(), c.name).toEqual(['args', 'expect', 'name', 'permissions', 'tool'])
      expect(Object.keys(c.permissions), c.name).toEqual(['tools'])
      expect(typeof c.tool).toBe('string')
      if (c.expect === 'deny') expect(c.code !== undefined && isKnownCode(c.code), c.name).toBe(true)
    }
  })

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const policy = compileToolsPolicy(toolsPermissionsSchema.parse(c.permissions.tools), ['tools'])
    const result = checkToolCall(policy, c.tool, c.args)
    expect(result.allowed ? 'allow' : 'deny').toBe(c.expect)
    if (!result.allowed) {
      expect(result.code).toBe(c.code)
      if (result.code === 'PRIVILEGE_ESCALATION') expect(result.detail?.['permissionAudit']).toBe(true)
    }
  })
})
