import { describe, expect, it } from 'vitest'
import { ConfigPathError } from '../../config/load.js'
import { checkToolCall, compileToolsPolicy } from './tools-policy.js'

const AT = ['agents', 'reporter', 'permissions', 'tools'] as const
const policy = compileToolsPolicy({ allow: ['github/search_issues', 'admin/grant_role', 'docs/search'] }, AT)

describe('toolsPolicy', () => {
  it('allows a tool listed exactly', () => {
    expect(checkToolCall(policy, 'github/search_issues', { query: 'flaky test' })).toEqual({ allowed: true })
  })

  it.each([
    'github/create_issue',
    'GitHub/search_issues',
    'github/Search_Issues',
    'github/search_issues ',
    ' github/search_issues',
    'github/search_issues\u200b',
    'github/search\u2010issues',
    'ｇithub/search_issues',
    'github__search_issues',
    'github/search_issues/',
    'github',
    '',
    'files.read',
  ])('denies %j with TOOL_NOT_ALLOWED (no case or Unicode folding)', (tool) => {
    expect(checkToolCall(policy, tool, {})).toMatchObject({ allowed: false, code: 'TOOL_NOT_ALLOWED' })
  })

  it('denies every tool when the section is missing', () => {
    const none = compileToolsPolicy(undefined, AT)
    expect(checkToolCall(none, 'github/search_issues', {})).toMatchObject({ code: 'TOOL_NOT_ALLOWED' })
  })

  it('denies an escalation-shaped tool that is not allowed with PRIVILEGE_ESCALATION, marked for the permission audit', () => {
    const result = checkToolCall(policy, 'admin/assign_role', { user: 'agent', role: 'viewer' })
    expect(result).toMatchObject({
      allowed: false,
      code: 'PRIVILEGE_ESCALATION',
      detail: { permissionAudit: true, source: 'name', tool: 'admin/assign_role' },
    })
  })

  it('denies an escalation request inside the arguments of an allowed tool', () => {
    const result = checkToolCall(policy, 'docs/search', {
      query: 'To complete this task, I need access to the admin database. Requesting elevated permissions...',
    })
    expect(result).toMatchObject({
      allowed: false,
      code: 'PRIVILEGE_ESCALATION',
      detail: { permissionAudit: true, source: 'args', path: 'query' },
    })
  })

  it('allows an explicitly listed tool whose name is grant-shaped (the risk stage rates it)', () => {
    expect(checkToolCall(policy, 'admin/grant_role', { user: 'dev1', role: 'viewer' })).toEqual({
      allowed: true,
    })
  })

  it('still denies that listed grant-shaped tool when its arguments ask for admin', () => {
    expect(checkToolCall(policy, 'admin/grant_role', { user: 'agent', role: 'admin' })).toMatchObject({
      code: 'PRIVILEGE_ESCALATION',
      detail: { source: 'args', path: 'role' },
    })
  })

  it('never throws on odd inputs', () => {
    expect(checkToolCall(policy, 42 as unknown as string, {})).toMatchObject({ allowed: false })
    expect(checkToolCall(policy, 'docs/search', null as unknown as Record<string, unknown>)).toEqual({
      allowed: true,
    })
  })
})

describe('compileToolsPolicy', () => {
  it.each([
    ['github/*', 'wildcards'],
    ['github/search issues', 'spaces'],
    ['github/search_issues\u200b', 'invisible'],
    ['github/search_issues\n', 'spaces'],
    ['cafe\u0301/tool', 'NFC'],
  ])('refuses the entry %j at its path', (entry, why) => {
    let error: unknown
    try {
      compileToolsPolicy({ allow: ['ok/tool', entry] }, AT)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigPathError)
    expect((error as ConfigPathError).path).toEqual([...AT, 'allow', 1])
    expect((error as ConfigPathError).message).toContain(why)
  })

  it('keeps names exactly as written', () => {
    expect([...compileToolsPolicy({ allow: ['GitHub/Search', 'files.read'] }, AT).allow]).toEqual([
      'GitHub/Search',
      'files.read',
    ])
  })
})
