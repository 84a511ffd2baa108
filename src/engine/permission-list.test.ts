import { describe, expect, it } from 'vitest'
import type { Permissions } from '../config/schema.js'
import { permissionGrants, permissionList } from './permission-list.js'

const PERMISSIONS: Permissions = {
  files: { read: ['/data/public/**'], write: ['/data/out/**'], delete: [] },
  database: { tables: ['orders', 'sales.items'], operations: ['SELECT', 'update'], rowLimit: 100 },
  apis: { allowed: ['weather.api.com'], methods: ['GET', 'POST'], rateLimit: 60 },
  tools: { allow: ['github/search_issues', 'email.send'] },
}

describe('permissionList', () => {
  it('lists every grant as a flat string, section by section, each limit after its section', () => {
    expect(permissionList(PERMISSIONS)).toEqual([
      'files.read:/data/public/**',
      'files.write:/data/out/**',
      'database.SELECT:orders',
      'database.SELECT:sales.items',
      'database.update:orders',
      'database.update:sales.items',
      'database.rowLimit:100',
      'apis.GET:weather.api.com',
      'apis.POST:weather.api.com',
      'apis.rateLimit:60/min',
      'tools:github/search_issues',
      'tools:email.send',
    ])
  })

  it('is empty for an agent without permissions', () => {
    expect(permissionList(undefined)).toEqual([])
  })
})

describe('permissionGrants', () => {
  it('is permissionList without the limits, in the same order', () => {
    const grants = permissionGrants(PERMISSIONS).map((g) => g.grant)
    expect(grants).toEqual(
      permissionList(PERMISSIONS).filter((g) => !/^(database\.rowLimit|apis\.rateLimit):/.test(g)),
    )
  })

  it('gives each grant its parts as configured, a tool with no operation', () => {
    const grants = permissionGrants(PERMISSIONS)
    expect(grants).toContainEqual({
      grant: 'database.update:sales.items',
      section: 'database',
      operation: 'update',
      resource: 'sales.items',
    })
    expect(grants).toContainEqual({
      grant: 'tools:email.send',
      section: 'tools',
      operation: '',
      resource: 'email.send',
    })
  })

  it('keeps the parts that a flat string would confuse: a grant named like a limit, dots and colons', () => {
    const grants = permissionGrants({
      database: { tables: ['t'], operations: ['rowLimit', 'A.B:C'] },
    })
    expect(grants.map((g) => [g.operation, g.resource])).toEqual([
      ['rowLimit', 't'],
      ['A.B:C', 't'],
    ])
  })
})
