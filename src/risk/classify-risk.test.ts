import { describe, expect, it } from 'vitest'
import { anAction } from '../../test/builders/action.js'
import { classifyRisk } from './classify-risk.js'

describe('classifyRisk', () => {
  it.each([
    ['files.read', {}, undefined, 'low'],
    ['files.list', {}, undefined, 'low'],
    ['files.write', {}, undefined, 'medium'],
    ['email.send', {}, undefined, 'medium'],
    ['files.delete', {}, undefined, 'high'],
    ['payments.transfer', {}, undefined, 'high'],
    ['warden.rollback', { actionId: 'a1' }, undefined, 'high'],
    ['db.query', {}, 'SELECT', 'low'],
    ['db.query', {}, 'INSERT', 'medium'],
    ['db.query', {}, 'DELETE', 'high'],
    ['db.query', {}, 'GrantStmt', 'critical'],
    ['db.query', {}, undefined, 'high'],
    ['http.request', { method: 'GET' }, undefined, 'low'],
    ['http.request', { method: 'post' }, undefined, 'medium'],
    ['http.request', { method: 'DELETE' }, undefined, 'high'],
    ['github/search_issues', {}, undefined, 'low'],
    ['github/create_issue', {}, undefined, 'medium'],
    ['github/deleteRepository', {}, undefined, 'high'],
    ['okta/assign_role', {}, undefined, 'critical'],
    ['crm/frobnicate', {}, undefined, 'medium'],
  ] as const)('rates %s %j (%s) as %s', (tool, args, sqlKind, risk) => {
    expect(classifyRisk(anAction({ tool, args }), sqlKind)).toBe(risk)
  })

  it('lets the most dangerous verb in a name win', () => {
    expect(classifyRisk(anAction({ tool: 'x/list_and_delete_files' }))).toBe('high')
  })
})

describe('classifyRisk with MCP annotations', () => {
  it('uses an upstream tool’s annotations only when its name has no known verb', () => {
    expect(classifyRisk(anAction({ tool: 'fx/echo' }), undefined, { readOnlyHint: true })).toBe('low')
    expect(classifyRisk(anAction({ tool: 'fx/echo' }), undefined, { destructiveHint: true })).toBe('high')
    expect(classifyRisk(anAction({ tool: 'fx/echo' }))).toBe('medium')
    expect(classifyRisk(anAction({ tool: 'gh/delete_repo' }), undefined, { readOnlyHint: true })).toBe('high')
  })
})
