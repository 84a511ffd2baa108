import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { WardenError } from '../errors/warden-error.js'
import { EXAMPLE_CONFIG } from './example-config.js'
import { ConfigPathError, loadConfigFile, parseConfig, withConfigLocation } from './load.js'

function failure(fn: () => unknown): WardenError {
  try {
    fn()
  } catch (error) {
    if (error instanceof WardenError) return error
    throw error
  }
  throw new Error('expected a WardenError')
}

describe('parseConfig', () => {
  it("loads the seed's agentPermissions as written", () => {
    const { config } = parseConfig(`
agents:
  reporter:
    permissions:
      files: { read: ['/data/public/**', '/data/reports/**'], write: ['/data/outputs/**'], delete: [] }
      database: { tables: [products, orders], operations: [SELECT], rowLimit: 1000 }
      apis: { allowed: [weather.api.com, maps.api.com], methods: [GET], rateLimit: 100 }
`)
    const p = config.agents['reporter']?.permissions
    expect(p?.files?.delete).toEqual([])
    expect(p?.database?.rowLimit).toBe(1000)
    expect(p?.apis?.rateLimit).toBe(100)
  })

  it('loads the built-in example that `warden init` writes', () => {
    const { config } = parseConfig(EXAMPLE_CONFIG)
    expect(Object.keys(config.agents)).toContain('reporter')
    expect(config.escalationRules).toHaveLength(5)
  })

  it('accepts JSON', () => {
    const { config } = parseConfig(
      '{"agents": {"a": {"permissions": {"tools": {"allow": ["x/y"]}}}}}',
      'w.json',
    )
    expect(config.agents['a']?.permissions.tools?.allow).toEqual(['x/y'])
  })

  it('refuses an unknown key with file, line, column and the key (a typo must not narrow or widen a policy)', () => {
    const e = failure(() =>
      parseConfig('agents:\n  a:\n    permissions:\n      file: { read: [] }\n', 'p.yaml'),
    )
    expect(e.code).toBe('CONFIG_INVALID')
    expect(e.message).toMatch(/^p\.yaml:4:7: agents\.a\.permissions\.file: unknown key/)
  })

  it('refuses a wrong type naming what was expected', () => {
    const e = failure(() =>
      parseConfig(
        'agents:\n  a:\n    permissions:\n      database: { tables: products, operations: [SELECT] }\n',
      ),
    )
    expect(e.code).toBe('CONFIG_INVALID')
    expect(e.message).toMatch(/:4:\d+: agents\.a\.permissions\.database\.tables: .*expected array/i)
  })

  it('refuses a duplicate key (which of two policies would win is ambiguous)', () => {
    const e = failure(() => parseConfig('agents:\n  a: {}\n  a: {}\n'))
    expect(e.code).toBe('CONFIG_PARSE')
    expect(e.message).toMatch(/:3:\d+:/)
  })

  it('refuses YAML syntax errors with a line', () => {
    expect(failure(() => parseConfig('agents: [\n')).code).toBe('CONFIG_PARSE')
  })

  it('refuses binary input', () => {
    expect(failure(() => parseConfig('agents:\u0000')).code).toBe('CONFIG_PARSE')
  })

  it('refuses an alias bomb instead of expanding it', () => {
    const bomb = ['a: &a [x,x,x,x,x,x,x,x,x,x]']
    for (let i = 1; i < 12; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      )
    expect(['CONFIG_PARSE', 'CONFIG_INVALID']).toContain(failure(() => parseConfig(bomb.join('\n'))).code)
  })

  it('refuses an upstream with both or neither of command and url', () => {
    expect(failure(() => parseConfig('upstreams:\n  gh: { args: [] }\n')).code).toBe('CONFIG_INVALID')
    expect(
      failure(() => parseConfig("upstreams:\n  gh: { command: npx, url: 'https://x.example/mcp' }\n")).code,
    ).toBe('CONFIG_INVALID')
  })

  it('turns a factory error into CONFIG_INVALID at the line of the offending value', () => {
    const loaded = parseConfig(
      "agents:\n  a:\n    permissions:\n      files: { read: ['relative/**'] }\n",
      'x.yaml',
    )
    const e = failure(() =>
      withConfigLocation(loaded, () => {
        throw new ConfigPathError(
          ['agents', 'a', 'permissions', 'files', 'read', 0],
          'a glob must be absolute',
        )
      }),
    )
    expect(e.code).toBe('CONFIG_INVALID')
    expect(e.message).toBe('x.yaml:4:23: agents.a.permissions.files.read[0]: a glob must be absolute')
  })
})

describe('loadConfigFile', () => {
  it('names the file when it cannot be read', () => {
    const e = failure(() => loadConfigFile('/nonexistent/warden.yaml'))
    expect(e.code).toBe('CONFIG_NOT_FOUND')
    expect(e.message).toContain('/nonexistent/warden.yaml')
  })

  it('reads a file from disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-config-'))
    writeFileSync(join(dir, 'w.yaml'), 'agents: {}\n')
    expect(loadConfigFile(join(dir, 'w.yaml')).config.agents).toEqual({})
  })
})
